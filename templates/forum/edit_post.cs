<?cs set:page.title = L.compose.edit_title ?><?cs set:nav = "forum" ?><?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.compose.edit_heading ?></h1>
  <p class="meta"><a href="/t/<?cs var:d.post.thread_id ?>"><?cs var:d.post.title ?></a> · <?cs var:L.compose.edit_note ?></p>
  <form action="/posts/<?cs var:d.post.id ?>/edit" method="post" class="stack-form wide" novalidate>
    <?cs call:csrf_field() ?>
    <?cs if:d.post.position == "1" ?>
    <div class="field">
      <label for="title"><?cs var:L.compose.subject ?></label>
      <input id="title" name="title" type="text" required minlength="3" maxlength="<?cs var:limits.title_max ?>" value="<?cs var:form.title ?>"<?cs call:described("title", "") ?>>
      <?cs call:field_error("title") ?>
    </div>
    <?cs /if ?>
    <div class="field">
      <label for="body"><?cs var:L.compose.body ?></label>
      <textarea id="body" name="body" rows="12" required maxlength="20000"<?cs call:described("body", "1") ?>><?cs var:form.body ?></textarea>
      <p class="hint" id="body-hint"><?cs var:L.compose.body_hint ?></p>
      <?cs call:field_error("body") ?>
    </div>
    <div class="actions"><button type="submit" class="button"><?cs var:L.compose.save ?></button> <a href="/t/<?cs var:d.post.thread_id ?>#p<?cs var:d.post.id ?>"><?cs var:L.compose.cancel ?></a></div>
  </form>
</section>
<?cs include:"footer.cs" ?>
