<?cs set:page.title = L.mod.moderate ?><?cs include:"header.cs" ?><?cs include:"moderation/macros.cs" ?>
<nav class="breadcrumb"><a href="/mod"><?cs var:L.mod.queue ?></a></nav>
<h1><?cs var:L.mod.moderate ?></h1>
<?cs call:mod_entry(d.entry, 0) ?>
<form action="/mod/action" method="post" class="panel stack-form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="item" value="<?cs var:d.entry.item.type ?>:<?cs var:d.entry.item.id ?>:<?cs var:d.entry.item.status ?>">
  <?cs call:action_fields("one-") ?>
  <div class="field"><label for="one-body"><?cs var:L.mod.edit_body ?></label><textarea id="one-body" name="body" rows="6"><?cs var:d.entry.item.body ?></textarea></div>
  <button type="submit" class="button"><?cs var:L.mod.apply ?></button>
</form>
<?cs include:"footer.cs" ?>
