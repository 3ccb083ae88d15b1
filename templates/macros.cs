<?cs # macros.cs: pieces every page uses. Included by header.cs. ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:csrf ?>"><?cs /def ?>
<?cs def:field_error(name) ?><?cs if:errors[name] ?><p class="field-error" id="<?cs var:name ?>-error" role="alert"><?cs var:errors[name] ?></p><?cs /if ?><?cs /def ?>
<?cs def:described(name, hint) ?><?cs if:errors[name] ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error<?cs if:hint ?> <?cs var:name ?>-hint<?cs /if ?>"<?cs elif:hint ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?><?cs /def ?>
<?cs def:badges(b) ?><?cs if:b.admin ?><span class="badge badge-admin"><?cs var:L.badge.admin ?></span><?cs /if ?><?cs if:b.moderator ?><span class="badge badge-mod"><?cs var:L.badge.moderator ?></span><?cs /if ?><?cs if:b.staff ?><span class="badge badge-staff"><?cs var:L.badge.staff ?></span><?cs /if ?><?cs /def ?>
