<?cs set:page.title = L.mod.words ?><?cs include:"header.cs" ?>
<div class="page-head"><h1><?cs var:L.mod.words ?></h1>
<nav class="tabs" aria-label="<?cs var:L.mod.title ?>"><a href="/mod"><?cs var:L.mod.queue ?></a><a href="/mod/log"><?cs var:L.mod.log ?></a><a href="/mod/words" aria-current="page"><?cs var:L.mod.words ?></a><a href="/mod/stats"><?cs var:L.mod.stats ?></a><a href="/mod/transparency"><?cs var:L.mod.transparency ?></a></nav></div>
<?cs if:subcount(d.words) ?>
<div class="table-wrap"><table class="data"><thead><tr><th scope="col"><?cs var:L.mod.word ?></th><th scope="col"><?cs var:L.mod.lang ?></th><th scope="col"><?cs var:L.mod.word_action ?></th><th scope="col"><?cs var:L.mod.replacement ?></th><th scope="col"><span class="visually-hidden"><?cs var:L.mod.remove ?></span></th></tr></thead>
<tbody><?cs each:w = d.words ?><tr><td><?cs var:w.word ?></td><td><?cs if:w.lang == "en" ?><?cs var:L.mod.lang_en ?><?cs elif:w.lang == "es" ?><?cs var:L.mod.lang_es ?><?cs else ?><?cs var:L.mod.lang_any ?><?cs /if ?></td><td><?cs var:L.mod["w_" + w.action] ?></td><td><?cs var:w.replacement ?></td>
<td><form action="/mod/words/<?cs var:w.id ?>/delete" method="post"><?cs call:csrf_field() ?><button type="submit" class="chip chip-danger"><?cs var:L.mod.remove ?> <span class="visually-hidden"><?cs var:w.word ?></span></button></form></td></tr><?cs /each ?></tbody></table></div>
<?cs else ?><p class="empty"><?cs var:L.mod.no_words ?></p><?cs /if ?>
<h2><?cs var:L.mod.add_word ?></h2>
<form action="/mod/words" method="post" class="stack-form" novalidate>
  <?cs call:csrf_field() ?>
  <div class="field"><label for="word"><?cs var:L.mod.word ?></label><input id="word" name="word" required maxlength="100" value="<?cs var:form.word ?>"<?cs call:described("word", "") ?>><?cs call:field_error("word") ?></div>
  <div class="field"><label for="lang"><?cs var:L.mod.lang ?></label><select id="lang" name="lang"<?cs call:described("lang", "1") ?>><option value="any"><?cs var:L.mod.lang_any ?></option><option value="en"<?cs if:form.lang == "en" ?> selected<?cs /if ?>><?cs var:L.mod.lang_en ?></option><option value="es"<?cs if:form.lang == "es" ?> selected<?cs /if ?>><?cs var:L.mod.lang_es ?></option></select><p class="hint" id="lang-hint"><?cs var:L.mod.lang_hint ?></p><?cs call:field_error("lang") ?></div>
  <div class="field"><label for="action"><?cs var:L.mod.word_action ?></label><select id="action" name="action"><option value="hold"><?cs var:L.mod.w_hold ?></option><option value="block"><?cs var:L.mod.w_block ?></option><option value="replace"><?cs var:L.mod.w_replace ?></option></select></div>
  <div class="field"><label for="replacement"><?cs var:L.mod.replacement ?></label><input id="replacement" name="replacement" maxlength="100" value="<?cs var:form.replacement ?>"<?cs call:described("replacement", "") ?>><?cs call:field_error("replacement") ?></div>
  <button type="submit" class="button"><?cs var:L.mod.add_word ?></button>
</form>
<?cs include:"footer.cs" ?>
