<?cs # follow_macros.cs: the follow form, for any page that names something a
  member can follow. f is what services/follow.c follow_put wrote (f.kind,
  f.id, f.level); next is where to come back to. Works without JavaScript:
  a choice of level and a button. ?>
<?cs def:follow_form(f, next) ?><?cs if:me.id ?>
<form action="/follow" method="post" class="follow-form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="kind" value="<?cs var:f.kind ?>">
  <input type="hidden" name="id" value="<?cs var:f.id ?>">
  <input type="hidden" name="next" value="<?cs var:next ?>">
  <label for="follow-<?cs var:f.kind ?>-<?cs var:f.id ?>"><?cs var:L.notify.follow.label ?></label>
  <select id="follow-<?cs var:f.kind ?>-<?cs var:f.id ?>" name="level" aria-describedby="follow-<?cs var:f.kind ?>-<?cs var:f.id ?>-hint">
    <option value="none"<?cs if:!f.level ?> selected<?cs /if ?>><?cs var:L.notify.follow.none ?></option>
    <option value="normal"<?cs if:f.level == "normal" ?> selected<?cs /if ?>><?cs var:L.notify.follow.normal ?></option>
    <option value="watch"<?cs if:f.level == "watch" ?> selected<?cs /if ?>><?cs var:L.notify.follow.watch ?></option>
    <option value="mute"<?cs if:f.level == "mute" ?> selected<?cs /if ?>><?cs var:L.notify.follow.mute ?></option>
  </select>
  <button type="submit" class="button button-small"><?cs var:L.notify.follow.submit ?></button>
  <span class="hint" id="follow-<?cs var:f.kind ?>-<?cs var:f.id ?>-hint"><?cs var:L.notify.follow.hint[f.kind] ?></span>
</form>
<?cs /if ?><?cs /def ?>
