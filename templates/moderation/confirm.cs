<?cs set:page.title = L.mod.confirm_title ?><?cs include:"header.cs" ?>
<nav class="breadcrumb"><a href="/mod"><?cs var:L.mod.queue ?></a></nav>
<h1><?cs var:L.mod.confirm_title ?></h1>
<p class="notice notice-warn"><?cs if:d.confirm.action == "suspend" ?><?cs var:L.mod.confirm_suspend ?> <?cs call:count(d.confirm.days, "days") ?>:<?cs else ?><?cs var:L.mod.confirm_delete ?><?cs /if ?></p>
<ul class="confirm-list"><?cs each:i = d.confirm.items ?><li><span class="tag"><?cs var:L.mod["kind_" + i.item.type] ?></span> <a href="/mod/item/<?cs var:i.item.type ?>/<?cs var:i.item.id ?>"><?cs var:i.item.title ?></a><?cs if:i.item.author ?> · <?cs var:L.mod.author ?>: <?cs var:i.item.author ?><?cs /if ?></li><?cs /each ?></ul>
<p><?cs var:L.mod.log_reason ?>: <?cs var:d.confirm.reason ?></p>
<form action="/mod/action" method="post" class="stack-form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="action" value="<?cs var:d.confirm.action ?>"><input type="hidden" name="reason" value="<?cs var:d.confirm.reason ?>"><input type="hidden" name="days" value="<?cs var:d.confirm.days ?>"><input type="hidden" name="confirm" value="1"><?cs if:d.confirm.from_queue ?><input type="hidden" name="from_queue" value="1"><?cs /if ?>
  <?cs each:i = d.confirm.items ?><input type="hidden" name="item" value="<?cs var:i.value ?>"><?cs /each ?>
  <p><button type="submit" class="button button-danger"><?cs if:d.confirm.action == "suspend" ?><?cs var:L.mod.confirm_suspend_submit ?><?cs else ?><?cs var:L.mod.confirm_delete_submit ?><?cs /if ?></button> <a href="/mod"><?cs var:L.mod.cancel ?></a></p>
</form>
<?cs include:"footer.cs" ?>
