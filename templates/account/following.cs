<?cs set:page.title = L.notify.following.title ?><?cs include:"header.cs" ?><?cs include:"follow_macros.cs" ?>
<section class="panel">
  <h1><?cs var:L.notify.following.heading ?></h1>
  <p class="lead"><?cs var:L.notify.following.intro ?></p>
  <?cs if:subcount(d.follows) ?>
  <ul class="follow-list">
  <?cs each:f = d.follows ?>
    <li>
      <span class="tag"><?cs var:L.notify.kind[f.kind] ?></span>
      <?cs if:f.url ?><a href="<?cs if:f.kind == "user" ?>/u/<?cs var:path_escape(f.slug) ?><?cs else ?><?cs var:f.url ?><?cs /if ?>"><?cs var:f.title ?></a><?cs else ?><span class="empty"><?cs var:L.notify.following.gone ?></span><?cs /if ?>
      <?cs if:f.auto == "1" ?><span class="meta"><?cs var:L.notify.following.auto ?></span><?cs /if ?>
      <?cs call:follow_form(f, "/notifications/following") ?>
    </li>
  <?cs /each ?>
  </ul>
  <?cs else ?>
  <p class="empty"><?cs var:L.notify.following.none ?></p>
  <?cs /if ?>
  <?cs call:pager("/notifications/following", "?") ?>
</section>
<?cs include:"footer.cs" ?>
