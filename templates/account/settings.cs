<?cs set:page.title = L.settings.title ?><?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.settings.heading ?></h1>
  <?cs if:saved ?><p class="notice notice-ok" role="status"><?cs var:L.settings.saved ?></p><?cs /if ?>
  <h2><?cs var:L.settings.profile ?></h2>
  <form action="/settings" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <div class="field">
      <label for="email"><?cs var:L.settings.email ?></label>
      <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="<?cs var:form.email ?>"<?cs call:described("email", "") ?>>
      <?cs call:field_error("email") ?>
      <?cs if:d.settings.email_pending ?><p class="notice notice-warn" role="status"><?cs var:L.settings.email_pending ?> <strong><?cs var:d.settings.email_pending ?></strong></p><?cs /if ?>
    </div>
    <div class="field">
      <label for="email_password"><?cs var:L.settings.email_password ?></label>
      <input id="email_password" name="password" type="password" autocomplete="current-password"<?cs call:described("password", "1") ?>>
      <p class="hint" id="password-hint"><?cs var:L.settings.email_password_hint ?></p>
      <?cs call:field_error("password") ?>
    </div>
    <div class="field">
      <label for="lang"><?cs var:L.settings.lang ?></label>
      <select id="lang" name="lang">
        <option value="auto"<?cs if:form.lang == "auto" ?> selected<?cs /if ?>><?cs var:L.settings.lang_auto ?></option>
        <option value="en" lang="en"<?cs if:form.lang == "en" ?> selected<?cs /if ?>>English</option>
        <option value="es" lang="es"<?cs if:form.lang == "es" ?> selected<?cs /if ?>>Español</option>
      </select>
      <?cs call:field_error("lang") ?>
    </div>
    <div class="field">
      <label for="bio"><?cs var:L.settings.bio ?></label>
      <textarea id="bio" name="bio" rows="3" maxlength="500"<?cs call:described("bio", "1") ?>><?cs var:form.bio ?></textarea>
      <p class="hint" id="bio-hint"><?cs var:L.settings.bio_hint ?></p>
      <?cs call:field_error("bio") ?>
    </div>
    <div class="field">
      <label for="segment"><?cs var:L.insights.settings_segment ?></label>
      <select id="segment" name="segment"<?cs call:described("segment", "1") ?>>
        <option value=""><?cs var:L.insights.no_segment ?></option>
        <?cs each:s = d.segments ?><option value="<?cs var:s.key ?>"<?cs if:form.segment == s.key ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?>
      </select>
      <p class="hint" id="segment-hint"><?cs var:L.insights.settings_segment_hint ?></p>
      <?cs call:field_error("segment") ?>
    </div>
    <button type="submit" class="button"><?cs var:L.settings.save ?></button>
  </form>

  <h2 id="email"><?cs var:L.notify.email.heading ?></h2>
  <?cs if:d.email.verified == "1" ?>
  <p class="notice notice-ok"><?cs var:L.notify.email.is_verified ?></p>
  <?cs else ?>
  <div class="notice notice-warn" role="status">
    <p><?cs var:L.notify.email.not_verified ?></p>
    <?cs if:d.email.sent ?><p><?cs var:L.notify.email.resent ?></p><?cs /if ?>
    <form action="/settings/verify/resend" method="post" class="inline-form"><?cs call:csrf_field() ?><button type="submit" class="button button-small button-secondary"><?cs var:L.notify.email.resend ?></button></form>
  </div>
  <?cs /if ?>
  <form action="/settings/email" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <fieldset>
      <legend><?cs var:L.notify.email.mode ?></legend>
      <label class="check"><input type="radio" name="mode" value="immediate"<?cs if:d.email.mode == "immediate" ?> checked<?cs /if ?>> <?cs var:L.notify.email.immediate ?></label>
      <label class="check"><input type="radio" name="mode" value="daily"<?cs if:d.email.mode == "daily" ?> checked<?cs /if ?>> <?cs var:L.notify.email.daily ?></label>
      <label class="check"><input type="radio" name="mode" value="weekly"<?cs if:d.email.mode == "weekly" ?> checked<?cs /if ?>> <?cs var:L.notify.email.weekly ?></label>
      <label class="check"><input type="radio" name="mode" value="none"<?cs if:d.email.mode == "none" ?> checked<?cs /if ?>> <?cs var:L.notify.email.none ?></label>
    </fieldset>
    <p class="hint"><?cs var:L.notify.email.mode_hint ?></p>
    <button type="submit" class="button"><?cs var:L.notify.email.save ?></button>
  </form>
  <p><a href="/notifications/following"><?cs var:L.notify.following_link ?></a> · <a href="/invite"><?cs var:L.notify.invite_link ?></a></p>

  <h2><?cs var:L.settings.password ?></h2>
  <form action="/settings/password" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <input type="text" name="username" autocomplete="username" value="<?cs var:me.name ?>" hidden>
    <div class="field">
      <label for="current_password"><?cs var:L.settings.current_password ?></label>
      <input id="current_password" name="current_password" type="password" autocomplete="current-password" required<?cs call:described("current_password", "") ?>>
      <?cs call:field_error("current_password") ?>
    </div>
    <div class="field">
      <label for="new_password"><?cs var:L.settings.new_password ?></label>
      <input id="new_password" name="new_password" type="password" autocomplete="new-password" required minlength="10"<?cs call:described("new_password", "1") ?>>
      <p class="hint" id="new_password-hint"><?cs var:L.register.password_hint ?></p>
      <?cs call:field_error("new_password") ?>
    </div>
    <button type="submit" class="button"><?cs var:L.settings.change_password ?></button>
  </form>

  <h2><?cs var:L.settings.sessions ?></h2>
  <p><?cs var:L.settings.sessions_text ?></p>
  <form action="/settings/logout-everywhere" method="post">
    <?cs call:csrf_field() ?>
    <button type="submit" class="button button-secondary"><?cs var:L.settings.logout_everywhere ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
