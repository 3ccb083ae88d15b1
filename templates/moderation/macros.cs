<?cs # moderation/macros.cs: pieces of the moderation pages. ?>
<?cs # one queued item's own actions, as its status allows: each button sends the form with its action ?>
<?cs def:item_actions(e) ?><?cs set:key = e.item.type + "-" + e.item.id ?>
<form action="/mod/action" method="post" class="mod-item-actions inline-search" aria-label="<?cs var:L.mod.item_actions ?>">
  <?cs call:csrf_field() ?><input type="hidden" name="from_queue" value="1"><input type="hidden" name="item" value="<?cs var:e.item.type ?>:<?cs var:e.item.id ?>:<?cs var:e.item.status ?>">
  <label for="reason-<?cs var:key ?>"><?cs var:L.mod.reason_short ?></label><input id="reason-<?cs var:key ?>" name="reason" required minlength="3" maxlength="500">
  <?cs if:e.item.status == "hidden" ?><button type="submit" name="action" value="restore" class="button button-small"><?cs var:L.mod.a_restore ?></button><?cs else ?><button type="submit" name="action" value="approve" class="button button-small"><?cs var:L.mod.a_approve ?></button><?cs /if ?>
  <?cs if:e.item.status == "visible" || e.item.status == "held" ?><button type="submit" name="action" value="hide" class="button button-small button-secondary"><?cs var:L.mod.a_hide ?></button><?cs /if ?>
  <?cs if:e.item.status != "deleted" ?><button type="submit" name="action" value="delete" class="button button-small button-danger"><?cs var:L.mod.a_delete ?></button><?cs /if ?>
  <a class="chip" href="/mod/item/<?cs var:e.item.type ?>/<?cs var:e.item.id ?>"><?cs var:L.mod.more_actions ?></a>
</form>
<?cs /def ?>
<?cs def:mod_entry(e, selectable) ?>
<article class="mod-entry" aria-labelledby="item-<?cs var:e.item.type ?>-<?cs var:e.item.id ?>">
  <header class="mod-entry-head">
    <?cs if:selectable ?><label class="check"><input type="checkbox" name="item" form="bulk" value="<?cs var:e.item.type ?>:<?cs var:e.item.id ?>:<?cs var:e.item.status ?>"> <span class="visually-hidden"><?cs var:L.mod.select ?></span></label><?cs /if ?>
    <h2 id="item-<?cs var:e.item.type ?>-<?cs var:e.item.id ?>"><span class="tag"><?cs var:L.mod["kind_" + e.item.type] ?></span> <a href="<?cs var:e.item.url ?>"><?cs var:e.item.title ?></a></h2>
    <p class="meta"><?cs var:L.mod.in ?> <?cs var:e.item.context ?> · <?cs var:L.mod.status ?>: <strong><?cs if:L.mod.st[e.item.status] ?><?cs var:L.mod.st[e.item.status] ?><?cs else ?><?cs var:e.item.status ?><?cs /if ?></strong><?cs if:e.cause ?> · <?cs var:L.mod["cause_" + e.cause] ?><?cs if:e.nth ?> (<?cs var:L.mod.nth_item ?> <?cs var:e.nth ?> <?cs var:L.mod.of_first ?> <?cs var:e.first ?>)<?cs elif:e.links ?> (<?cs call:count(e.links, "links") ?>)<?cs elif:e.flags_open ?> (<?cs call:count(e.flags_open, "flags") ?>, <?cs call:count(e.flags_counted, "counted") ?>)<?cs elif:e.detail ?> (<?cs var:e.detail ?>)<?cs /if ?><?cs /if ?><?cs if:e.queued_at ?> · <?cs var:L.mod.queued ?> <?cs call:time(e.queued_at) ?><?cs /if ?></p>
  </header>
  <?cs if:subcount(e.item.before) ?><details><summary><?cs var:L.mod.before ?></summary><?cs each:b = e.item.before ?><div class="mod-context"><p class="meta"><?cs var:b.author ?> · <?cs call:time(b.created_at) ?></p><div class="post-body"><?cs uvar:b.html ?></div></div><?cs /each ?></details><?cs /if ?>
  <div class="mod-content post-body"><?cs uvar:e.item.html ?></div>
  <?cs if:e.item.mod_note ?><p class="notice notice-warn"><?cs var:L.mod.note_for_author ?> <?cs var:e.item.mod_note ?></p><?cs /if ?>
  <?cs if:subcount(e.flags) ?><h3><?cs call:count(subcount(e.flags), "flags") ?></h3>
  <ul class="flag-list"><?cs each:f = e.flags ?><li><strong><?cs var:L.mod["r_" + f.reason] ?></strong><?cs if:f.note ?>: <?cs var:f.note ?><?cs /if ?> <span class="meta">— <?cs var:L.mod.flagged_by ?> <?cs var:f.flagger ?>, <?cs call:time(f.created_at) ?></span></li><?cs /each ?></ul><?cs /if ?>
  <p class="meta"><?cs var:L.mod.author ?>: <a href="/u/<?cs var:path_escape(e.author.username) ?>"><?cs var:e.author.username ?></a> · <?cs var:L.mod.joined ?> <?cs call:time(e.author.joined_at) ?> · <?cs call:count(e.author.posts, "posts") ?> · <?cs call:count(e.author.moderated, "moderated") ?> · <?cs call:count(e.author.actions, "actions") ?><?cs if:e.author.silenced_at ?> · <?cs var:L.mod.silenced_until ?> <?cs call:time(e.author.silenced_at) ?><?cs /if ?><?cs if:e.author.suspended_at ?> · <?cs var:L.mod.suspended_until ?> <?cs call:time(e.author.suspended_at) ?><?cs /if ?></p>
  <?cs if:selectable ?><?cs call:item_actions(e) ?><?cs /if ?>
</article>
<?cs /def ?>
<?cs def:action_fields(id_prefix) ?>
  <div class="mod-action-fields">
    <div class="field"><label for="<?cs var:id_prefix ?>action"><?cs var:L.mod.action ?></label>
      <select id="<?cs var:id_prefix ?>action" name="action" required>
        <option value="approve"><?cs var:L.mod.a_approve ?></option>
        <option value="hide"><?cs var:L.mod.a_hide ?></option>
        <option value="delete"><?cs var:L.mod.a_delete ?></option>
        <option value="restore"><?cs var:L.mod.a_restore ?></option>
        <option value="edit"><?cs var:L.mod.a_edit ?></option>
        <option value="warn"><?cs var:L.mod.a_warn ?></option>
        <option value="silence"><?cs var:L.mod.a_silence ?></option>
        <option value="suspend"><?cs var:L.mod.a_suspend ?></option>
      </select></div>
    <div class="field"><label for="<?cs var:id_prefix ?>reason"><?cs var:L.mod.reason ?></label><input id="<?cs var:id_prefix ?>reason" name="reason" required minlength="3" maxlength="500"></div>
    <div class="field"><label for="<?cs var:id_prefix ?>days"><?cs var:L.mod.days ?></label><input id="<?cs var:id_prefix ?>days" name="days" type="number" min="1" max="3650" value="7"></div>
  </div>
<?cs /def ?>
<?cs # a kind of content and its id, linked to what a moderator reads it on ?>
<?cs def:kind_link(type, id) ?><?cs if:type == "post" || type == "review" || type == "idea" || type == "idea_comment" ?><a href="/mod/item/<?cs var:type ?>/<?cs var:id ?>"><?cs if:L.mod["kind_" + type] ?><?cs var:L.mod["kind_" + type] ?><?cs else ?><?cs var:type ?><?cs /if ?> <?cs var:id ?></a><?cs elif:type == "thread" ?><a href="/t/<?cs var:id ?>"><?cs var:L.mod.kind_thread ?> <?cs var:id ?></a><?cs else ?><?cs if:L.mod["kind_" + type] ?><?cs var:L.mod["kind_" + type] ?><?cs else ?><?cs var:type ?><?cs /if ?> <?cs var:id ?><?cs /if ?><?cs /def ?>
<?cs # the item of an audit log line, a link to its page ?>
<?cs def:log_item(a) ?><?cs if:a.target_type == "user" && a.target_key ?><?cs var:L.mod.kind_user ?> <a href="/u/<?cs var:path_escape(a.target_key) ?>"><?cs var:a.target_key ?></a><?cs elif:a.target_type == "category" && a.target_key ?><?cs var:L.mod.kind_category ?> <a href="/c/<?cs var:url_escape(a.target_key) ?>"><?cs var:a.target_name ?></a><?cs elif:a.target_type == "product" && a.target_key ?><?cs var:L.mod.kind_product ?> <a href="/p/<?cs var:url_escape(a.target_key) ?>"><?cs var:a.target_name ?></a><?cs elif:a.target_type == "word" ?><a href="/mod/words"><?cs var:L.mod.kind_word ?> <?cs var:a.target_id ?></a><?cs else ?><?cs call:kind_link(a.target_type, a.target_id) ?><?cs /if ?><?cs /def ?>
<?cs def:role_names(list) ?><?cs if:subcount(list) ?><?cs each:x = list ?><?cs if:L.badge[x] ?><?cs var:L.badge[x] ?><?cs else ?><?cs var:x ?><?cs /if ?><?cs if:!last(x) ?>, <?cs /if ?><?cs /each ?><?cs else ?><?cs var:L.mod.no_roles ?><?cs /if ?><?cs /def ?>
<?cs # the detail of an audit log line in the reader's language (log.c, log_detail) ?>
<?cs def:log_detail(a) ?><?cs if:a.shape == "status" ?><?cs if:L.mod.st[a.status_from] ?><?cs var:L.mod.st[a.status_from] ?><?cs else ?><?cs var:a.status_from ?><?cs /if ?> → <?cs if:L.mod.st[a.status_to] ?><?cs var:L.mod.st[a.status_to] ?><?cs else ?><?cs var:a.status_to ?><?cs /if ?><?cs
  elif:a.shape == "roles" ?><?cs call:role_names(a.roles_from) ?> → <?cs call:role_names(a.roles_to) ?><?cs
  elif:a.shape == "merge" ?><?cs var:L.mod.merged_into ?> <a href="/ideas/<?cs var:a.into_idea ?>"><?cs var:L.mod.kind_idea ?> <?cs var:a.into_idea ?></a><?cs
  elif:a.shape == "split" ?><?cs call:count(a.posts, "posts") ?> <?cs var:L.mod.split_to ?> <a href="/t/<?cs var:a.thread ?>"><?cs var:L.mod.kind_thread ?> <?cs var:a.thread ?></a><?cs
  elif:a.shape == "restrict" ?><?cs var:L.mod.for_item ?> <?cs call:kind_link(a.for_type, a.for_id) ?><?cs if:a.days ?>, <?cs call:count(a.days, "days") ?><?cs /if ?><?cs
  elif:a.shape == "lift" ?><?cs if:a.suspended_at ?><?cs var:L.mod.suspended_until ?> <?cs call:time(a.suspended_at) ?><?cs if:a.silenced_at ?>, <?cs /if ?><?cs /if ?><?cs if:a.silenced_at ?><?cs var:L.mod.silenced_until ?> <?cs call:time(a.silenced_at) ?><?cs /if ?> → <?cs var:L.mod.lifted ?><?cs
  elif:a.shape == "move" ?><?cs var:L.mod.moved_to ?> <?cs if:a.moved_to ?><a href="/c/<?cs var:url_escape(a.detail) ?>"><?cs var:a.moved_to ?></a><?cs else ?><?cs var:a.detail ?><?cs /if ?><?cs
  else ?><?cs var:a.detail ?><?cs /if ?><?cs /def ?>
<?cs # a row's month (year and month_num, log.c) with the month's name ?>
<?cs def:month(m) ?><?cs var:L.month[m.month_num] ?> <?cs var:m.year ?><?cs /def ?>
