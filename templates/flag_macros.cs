<?cs # flag_macros.cs: the form members flag content with. kind is the
   first part of the content's URL ("reviews", "ideas"), id its id. ?>
<?cs def:flag_form(kind, id) ?>
<details class="flag-box"><summary class="chip"><?cs var:L.mod.flag ?></summary>
  <form action="/<?cs var:kind ?>/<?cs var:id ?>/flag" method="post" class="stack-form">
    <?cs call:csrf_field() ?>
    <fieldset><legend><?cs var:L.mod.flag_reason ?></legend>
      <label class="check"><input type="radio" name="reason" value="spam" required> <?cs var:L.mod.r_spam ?></label>
      <label class="check"><input type="radio" name="reason" value="abuse"> <?cs var:L.mod.r_abuse ?></label>
      <label class="check"><input type="radio" name="reason" value="off_topic"> <?cs var:L.mod.r_off_topic ?></label>
      <label class="check"><input type="radio" name="reason" value="other"> <?cs var:L.mod.r_other ?></label>
    </fieldset>
    <div class="field"><label for="flag-note-<?cs var:kind ?>-<?cs var:id ?>"><?cs var:L.mod.flag_note ?></label><input id="flag-note-<?cs var:kind ?>-<?cs var:id ?>" name="note" maxlength="500"></div>
    <button type="submit" class="button button-small"><?cs var:L.mod.flag_submit ?></button>
  </form>
</details>
<?cs /def ?>
