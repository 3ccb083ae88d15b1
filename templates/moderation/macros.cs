<?cs # moderation/macros.cs: pieces of the moderation pages. ?>
<?cs def:mod_entry(e, selectable) ?>
<article class="mod-entry" aria-labelledby="item-<?cs var:e.item.type ?>-<?cs var:e.item.id ?>">
  <header class="mod-entry-head">
    <?cs if:selectable ?><label class="check"><input type="checkbox" name="item" value="<?cs var:e.item.type ?>:<?cs var:e.item.id ?>:<?cs var:e.item.status ?>"> <span class="visually-hidden"><?cs var:L.mod.select ?></span></label><?cs /if ?>
    <h2 id="item-<?cs var:e.item.type ?>-<?cs var:e.item.id ?>"><span class="tag"><?cs var:L.mod["kind_" + e.item.type] ?></span> <a href="<?cs var:e.item.url ?>"><?cs var:e.item.title ?></a></h2>
    <p class="meta"><?cs var:L.mod.in ?> <?cs var:e.item.context ?> · <?cs var:L.mod.status ?>: <strong><?cs var:e.item.status ?></strong><?cs if:e.cause ?> · <?cs var:L.mod["cause_" + e.cause] ?><?cs if:e.detail ?> (<?cs var:e.detail ?>)<?cs /if ?><?cs /if ?><?cs if:e.queued_at ?> · <?cs var:L.mod.queued ?> <?cs call:time(e.queued_at) ?><?cs /if ?></p>
  </header>
  <?cs if:subcount(e.item.before) ?><details><summary><?cs var:L.mod.before ?></summary><?cs each:b = e.item.before ?><div class="mod-context"><p class="meta"><?cs var:b.author ?> · <?cs call:time(b.created_at) ?></p><div class="post-body"><?cs uvar:b.html ?></div></div><?cs /each ?></details><?cs /if ?>
  <div class="mod-content post-body"><?cs uvar:e.item.html ?></div>
  <?cs if:e.item.mod_note ?><p class="notice notice-warn"><?cs var:L.mod.note_for_author ?> <?cs var:e.item.mod_note ?></p><?cs /if ?>
  <?cs if:subcount(e.flags) ?><h3><?cs var:L.mod.flags ?> (<?cs var:subcount(e.flags) ?>)</h3>
  <ul class="flag-list"><?cs each:f = e.flags ?><li><strong><?cs var:L.mod["r_" + f.reason] ?></strong><?cs if:f.note ?>: <?cs var:f.note ?><?cs /if ?> <span class="meta">— <?cs var:L.mod.flagged_by ?> <?cs var:f.flagger ?>, <?cs call:time(f.created_at) ?></span></li><?cs /each ?></ul><?cs /if ?>
  <p class="meta"><?cs var:L.mod.author ?>: <a href="/u/<?cs var:path_escape(e.author.username) ?>"><?cs var:e.author.username ?></a> · <?cs var:L.mod.joined ?> <?cs call:time(e.author.joined_at) ?> · <?cs call:count(e.author.posts, "posts") ?> · <?cs call:count(e.author.moderated, "moderated") ?> · <?cs call:count(e.author.actions, "actions") ?><?cs if:e.author.silenced_at ?> · <?cs var:L.mod.silenced_until ?> <?cs call:time(e.author.silenced_at) ?><?cs /if ?><?cs if:e.author.suspended_at ?> · <?cs var:L.mod.suspended_until ?> <?cs call:time(e.author.suspended_at) ?><?cs /if ?></p>
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
