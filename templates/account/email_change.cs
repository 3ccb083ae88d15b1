<?cs set:page.title = L.notify.email.change_title ?><?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.notify.email.change_title ?></h1>
  <?cs if:d.changed ?>
  <p class="notice notice-ok" role="status"><?cs var:L.notify.email.changed ?></p>
  <p><a href="/"><?cs var:L.site.home_link ?></a></p>
  <?cs elif:!form.token ?>
  <p class="notice notice-warn" role="alert"><?cs if:error.reason ?><?cs var:error.reason ?><?cs else ?><?cs var:L.notify.email.change_bad_link ?><?cs /if ?></p>
  <p><a href="/settings"><?cs var:L.settings.title ?></a></p>
  <?cs else ?>
  <p><?cs var:L.notify.email.change_text ?></p>
  <form action="/settings/email/confirm" method="post" class="stack-form">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="token" value="<?cs var:form.token ?>">
    <button type="submit" class="button"><?cs var:L.notify.email.change_submit ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
