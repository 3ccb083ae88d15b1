<?cs set:page.title = L.login.title ?><?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.login.heading ?></h1>
  <form action="/login" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="next" value="<?cs var:form.next ?>">
    <?cs if:errors.next ?><p class="field-error" id="next-error" role="alert"><?cs var:L.field.next ?>: <?cs var:errors.next ?></p><?cs /if ?>
    <div class="field">
      <label for="username"><?cs var:L.login.username ?></label>
      <input id="username" name="username" type="text" autocomplete="username" required maxlength="254" value="<?cs var:form.username ?>"<?cs call:described("username", "") ?>>
      <?cs call:field_error("username") ?>
      <?cs if:form.suspended_until ?><p class="field-error"><?cs var:L.login.suspended_until ?> <?cs var:form.suspended_until ?></p><?cs /if ?>
    </div>
    <div class="field">
      <label for="password"><?cs var:L.login.password ?></label>
      <input id="password" name="password" type="password" autocomplete="current-password" required<?cs call:described("password", "") ?>>
      <?cs call:field_error("password") ?>
    </div>
    <button type="submit" class="button"><?cs var:L.login.submit ?></button>
  </form>
  <p class="aside"><a href="/password/forgot"><?cs var:L.notify.reset.forgot_link ?></a></p>
  <p class="aside"><?cs var:L.login.no_account ?> <a href="/register"><?cs var:L.login.register_link ?></a></p>
</section>
<?cs include:"footer.cs" ?>
