<?cs set:page.title = L.mod.queue ?><?cs include:"header.cs" ?><?cs include:"moderation/macros.cs" ?>
<div class="page-head"><h1><?cs var:L.mod.queue ?></h1>
<nav class="tabs" aria-label="<?cs var:L.mod.title ?>"><a href="/mod" aria-current="page"><?cs var:L.mod.queue ?></a><a href="/mod/log"><?cs var:L.mod.log ?></a><a href="/mod/words"><?cs var:L.mod.words ?></a><a href="/mod/stats"><?cs var:L.mod.stats ?></a><a href="/mod/transparency"><?cs var:L.mod.transparency ?></a></nav></div>
<?cs if:done ?><p class="notice notice-ok" role="status"><?cs var:L.mod.done ?> <?cs var:done ?><?cs if:conflicts ?> · <?cs var:L.mod.conflicts ?> <?cs var:conflicts ?><?cs /if ?><?cs if:refused ?> · <?cs var:L.mod.refused ?> <?cs var:refused ?><?cs /if ?></p><?cs /if ?>
<form action="/mod" method="get" class="inline-search">
  <label for="type"><?cs var:L.mod.filter_type ?></label>
  <select id="type" name="type"><option value=""><?cs var:L.mod.any ?></option><option value="post"<?cs if:d.type == "post" ?> selected<?cs /if ?>><?cs var:L.mod.kind_post ?></option><option value="review"<?cs if:d.type == "review" ?> selected<?cs /if ?>><?cs var:L.mod.kind_review ?></option><option value="idea"<?cs if:d.type == "idea" ?> selected<?cs /if ?>><?cs var:L.mod.kind_idea ?></option><option value="idea_comment"<?cs if:d.type == "idea_comment" ?> selected<?cs /if ?>><?cs var:L.mod.kind_idea_comment ?></option></select>
  <label for="reason"><?cs var:L.mod.filter_reason ?></label>
  <select id="reason" name="reason"><option value=""><?cs var:L.mod.any ?></option><option value="spam"<?cs if:d.reason == "spam" ?> selected<?cs /if ?>><?cs var:L.mod.r_spam ?></option><option value="abuse"<?cs if:d.reason == "abuse" ?> selected<?cs /if ?>><?cs var:L.mod.r_abuse ?></option><option value="off_topic"<?cs if:d.reason == "off_topic" ?> selected<?cs /if ?>><?cs var:L.mod.r_off_topic ?></option><option value="other"<?cs if:d.reason == "other" ?> selected<?cs /if ?>><?cs var:L.mod.r_other ?></option></select>
  <button type="submit" class="button button-secondary"><?cs var:L.mod.filter ?></button>
</form>
<?cs if:subcount(d.queue) ?>
<form action="/mod/action" method="post" class="mod-bulk panel" id="bulk">
  <?cs call:csrf_field() ?><input type="hidden" name="from_queue" value="1">
  <fieldset><legend><?cs var:L.mod.apply_selected ?></legend><p class="hint"><?cs var:L.mod.bulk_hint ?></p><?cs call:action_fields("bulk-") ?><button type="submit" class="button"><?cs var:L.mod.apply ?></button></fieldset>
</form>
<?cs each:e = d.queue ?><?cs call:mod_entry(e, 1) ?><?cs /each ?>
<?cs call:pager("/mod?type=" + d.type + "&reason=" + d.reason, "&") ?>
<?cs else ?><p class="empty"><?cs var:L.mod.queue_empty ?></p><?cs /if ?>
<?cs include:"footer.cs" ?>
