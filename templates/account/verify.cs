<?cs set:page.title = L.notify.email.verify_title ?><?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.notify.email.verify_title ?></h1>
  <?cs if:d.verified ?>
  <p class="notice notice-ok" role="status"><?cs var:L.notify.email.verified ?></p>
  <p><a href="/"><?cs var:L.site.home_link ?></a></p>
  <?cs else ?>
  <p><?cs var:L.notify.email.verify_text ?></p>
  <form action="/settings/verify" method="post" class="stack-form">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="token" value="<?cs var:form.token ?>">
    <button type="submit" class="button"><?cs var:L.notify.email.verify_submit ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
