<?cs set:page.title = L.notify.reset.forgot_title ?><?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.notify.reset.forgot_title ?></h1>
  <?cs if:d.sent ?>
  <p class="notice notice-ok" role="status"><?cs var:L.notify.reset.sent ?></p>
  <?cs else ?>
  <p><?cs var:L.notify.reset.forgot_text ?></p>
  <form action="/password/forgot" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <div class="field">
      <label for="email"><?cs var:L.notify.reset.email ?></label>
      <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="<?cs var:form.email ?>"<?cs call:described("email", "") ?>>
      <?cs call:field_error("email") ?>
    </div>
    <button type="submit" class="button"><?cs var:L.notify.reset.forgot_submit ?></button>
  </form>
  <?cs /if ?>
  <p class="aside"><a href="/login"><?cs var:L.login.title ?></a></p>
</section>
<?cs include:"footer.cs" ?>
