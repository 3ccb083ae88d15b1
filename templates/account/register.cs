<?cs set:page.title = L.register.title ?><?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.register.heading ?></h1>
  <form action="/register" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="next" value="<?cs var:form.next ?>">
    <?cs if:errors.next ?><p class="field-error" id="next-error" role="alert"><?cs var:L.field.next ?>: <?cs var:errors.next ?></p><?cs /if ?>
    <?cs if:form.invite ?><input type="hidden" name="invite" value="<?cs var:form.invite ?>"><?cs /if ?>
    <?cs if:d.invited_by ?><p class="notice notice-ok"><?cs var:L.notify.invite.invited_by ?> <strong><?cs var:d.invited_by ?></strong></p><?cs /if ?>
    <div class="field">
      <label for="username"><?cs var:L.register.username ?></label>
      <input id="username" name="username" type="text" autocomplete="username" required minlength="3" maxlength="30" value="<?cs var:form.username ?>"<?cs call:described("username", "1") ?>>
      <p class="hint" id="username-hint"><?cs var:L.register.username_hint ?></p>
      <?cs call:field_error("username") ?>
    </div>
    <div class="field">
      <label for="email"><?cs var:L.register.email ?></label>
      <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="<?cs var:form.email ?>"<?cs call:described("email", "1") ?>>
      <p class="hint" id="email-hint"><?cs var:L.register.email_hint ?></p>
      <?cs call:field_error("email") ?>
    </div>
    <div class="field">
      <label for="password"><?cs var:L.register.password ?></label>
      <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10"<?cs call:described("password", "1") ?>>
      <p class="hint" id="password-hint"><?cs var:L.register.password_hint ?></p>
      <?cs call:field_error("password") ?>
    </div>
    <button type="submit" class="button"><?cs var:L.register.submit ?></button>
  </form>
  <p class="aside"><?cs var:L.register.have_account ?> <a href="/login"><?cs var:L.login.title ?></a></p>
</section>
<?cs include:"footer.cs" ?>
