<?cs set:page.title = L.notify.unsub.title ?><?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.notify.unsub.title ?></h1>
  <?cs if:d.done ?>
  <p class="notice notice-ok" role="status"><?cs if:d.scope == "all" ?><?cs var:L.notify.unsub.done_all ?><?cs else ?><?cs var:L.notify.unsub.done_follow ?><?cs /if ?></p>
  <p><a href="/settings#email"><?cs var:L.notify.unsub.settings ?></a></p>
  <?cs else ?>
  <p><?cs if:d.scope == "all" ?><?cs var:L.notify.unsub.ask_all ?><?cs else ?><?cs var:L.notify.unsub.ask_follow ?><?cs /if ?> <strong><?cs var:d.username ?></strong></p>
  <form action="/unsubscribe/<?cs var:d.token ?>" method="post" class="stack-form">
    <button type="submit" class="button"><?cs var:L.notify.unsub.submit ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
