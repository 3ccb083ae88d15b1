<?cs set:page.title = L.mod.log ?><?cs include:"header.cs" ?><?cs include:"moderation/macros.cs" ?>
<div class="page-head"><h1><?cs var:L.mod.log ?></h1>
<nav class="tabs" aria-label="<?cs var:L.mod.title ?>"><a href="/mod"><?cs var:L.mod.queue ?></a><a href="/mod/log" aria-current="page"><?cs var:L.mod.log ?></a><a href="/mod/words"><?cs var:L.mod.words ?></a><a href="/mod/stats"><?cs var:L.mod.stats ?></a><a href="/mod/transparency"><?cs var:L.mod.transparency ?></a></nav></div>
<form action="/mod/log" method="get" class="inline-search">
  <label for="action"><?cs var:L.mod.log_action ?></label><select id="action" name="action"<?cs call:described("action", "") ?>><option value=""><?cs var:L.mod.any ?></option><?cs each:c = d.action_codes ?><option value="<?cs var:c ?>"<?cs if:c == d.filter.action ?> selected<?cs /if ?>><?cs var:L.mod.act[c] ?></option><?cs /each ?></select>
  <label for="actor"><?cs var:L.mod.log_actor ?></label><input id="actor" name="actor" value="<?cs var:d.filter.actor ?>" size="10">
  <label for="from"><?cs var:L.mod.log_from ?></label><input id="from" name="from" value="<?cs var:d.filter.from ?>" size="10"<?cs call:described("from", "") ?>>
  <label for="to"><?cs var:L.mod.log_to ?></label><input id="to" name="to" value="<?cs var:d.filter.to ?>" size="10"<?cs call:described("to", "") ?>>
  <button type="submit" class="button button-secondary"><?cs var:L.mod.filter ?></button>
  <?cs call:field_error("action") ?><?cs call:field_error("from") ?><?cs call:field_error("to") ?>
</form>
<p><a href="/mod/log.csv?action=<?cs var:url_escape(d.filter.action) ?>&amp;actor=<?cs var:url_escape(d.filter.actor) ?>&amp;from=<?cs var:url_escape(d.filter.from) ?>&amp;to=<?cs var:url_escape(d.filter.to) ?>"><?cs var:L.mod.export ?></a></p>
<div class="table-wrap"><table class="data">
  <thead><tr><th scope="col"><?cs var:L.mod.log_when ?></th><th scope="col"><?cs var:L.mod.log_actor ?></th><th scope="col"><?cs var:L.mod.log_action ?></th><th scope="col"><?cs var:L.mod.log_item ?></th><th scope="col"><?cs var:L.mod.log_reason ?></th><th scope="col"><?cs var:L.mod.log_detail ?></th></tr></thead>
  <tbody><?cs each:a = d.log ?><tr><td><?cs call:time(a.created_at) ?></td><td><?cs var:a.actor ?></td><td><?cs if:L.mod.act[a.action] ?><?cs var:L.mod.act[a.action] ?><?cs else ?><?cs var:a.action ?><?cs /if ?></td><td><?cs call:log_item(a) ?></td><td><?cs var:a.reason ?></td><td><?cs call:log_detail(a) ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs call:pager("/mod/log?action=" + url_escape(d.filter.action) + "&actor=" + url_escape(d.filter.actor) + "&from=" + url_escape(d.filter.from) + "&to=" + url_escape(d.filter.to), "&") ?>
<?cs include:"footer.cs" ?>
