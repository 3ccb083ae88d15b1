<?cs set:page.title = L.compose.title ?><?cs set:nav = "forum" ?><?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.compose.heading ?></h1>
  <form action="/t/new" method="post" class="stack-form wide" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="nonce" value="<?cs var:nonce ?>">
    <div class="field">
      <label for="category"><?cs var:L.compose.category ?></label>
      <select id="category" name="category" required<?cs call:described("category", "") ?>>
        <option value=""><?cs var:L.compose.choose_category ?></option>
        <?cs each:c = d.categories ?><option value="<?cs var:c.slug ?>"<?cs if:form.category == c.slug ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("category") ?>
    </div>
    <div class="field">
      <label for="title"><?cs var:L.compose.subject ?></label>
      <input id="title" name="title" type="text" required minlength="3" maxlength="<?cs var:limits.title_max ?>" value="<?cs var:form.title ?>"<?cs call:described("title", "1") ?>>
      <p class="hint" id="title-hint"><?cs var:L.compose.subject_hint ?></p>
      <?cs call:field_error("title") ?>
    </div>
    <?cs if:preview.html ?><section class="preview" aria-labelledby="preview-h" tabindex="-1" id="preview"><h2 id="preview-h"><?cs var:L.compose.preview_heading ?></h2><div class="post-body"><?cs uvar:preview.html ?></div></section><?cs /if ?>
    <div class="field">
      <label for="body"><?cs var:L.compose.body ?></label>
      <textarea id="body" name="body" rows="10" required maxlength="20000"<?cs call:described("body", "1") ?>><?cs var:form.body ?></textarea>
      <p class="hint" id="body-hint"><?cs var:L.compose.body_hint ?></p>
      <?cs call:field_error("body") ?>
    </div>
    <div class="actions"><button type="submit" class="button"><?cs var:L.compose.submit ?></button>
    <button type="submit" class="button button-secondary" name="preview" value="1"><?cs var:L.compose.preview ?></button></div>
  </form>
</section>
<?cs include:"footer.cs" ?>
