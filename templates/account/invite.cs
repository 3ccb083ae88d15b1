<?cs set:page.title = L.notify.invite.title ?><?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.notify.invite.title ?></h1>
  <p><?cs var:L.notify.invite.text ?></p>
  <div class="field">
    <label for="invite-url"><?cs var:L.notify.invite.link ?></label>
    <input id="invite-url" type="text" readonly value="<?cs var:d.invite.url ?>">
  </div>
  <h2><?cs var:L.notify.invite.accepted ?> (<?cs var:d.invite.accepted ?>)</h2>
  <?cs if:subcount(d.invite.people) ?>
  <ul class="activity"><?cs each:p = d.invite.people ?><li><a href="/u/<?cs var:path_escape(p.username) ?>"><?cs var:p.username ?></a> <span class="meta"><?cs call:time(p.accepted_at) ?></span></li><?cs /each ?></ul>
  <?cs else ?><p class="empty"><?cs var:L.notify.invite.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
