<?cs set:page.title = L.notify.reset.title ?><?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.notify.reset.title ?></h1>
  <?cs if:d.bad_link ?>
  <p class="notice notice-error" role="alert"><?cs var:L.notify.reset.bad_link ?></p>
  <p><a class="button" href="/password/forgot"><?cs var:L.notify.reset.ask_again ?></a></p>
  <?cs else ?>
  <form action="/password/reset" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="token" value="<?cs var:form.token ?>">
    <input type="text" name="username" autocomplete="username" value="<?cs var:d.username ?>" hidden>
    <div class="field">
      <label for="password"><?cs var:L.notify.reset.new_password ?></label>
      <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10"<?cs call:described("password", "1") ?>>
      <p class="hint" id="password-hint"><?cs var:L.register.password_hint ?> <?cs var:L.notify.reset.ends_sessions ?></p>
      <?cs call:field_error("password") ?>
    </div>
    <button type="submit" class="button"><?cs var:L.notify.reset.submit ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
