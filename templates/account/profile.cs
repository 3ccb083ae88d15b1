<?cs set:page.title = d.user.username ?><?cs include:"header.cs" ?><?cs include:"follow_macros.cs" ?>
<section class="panel profile">
  <div class="profile-head">
    <span class="avatar" aria-hidden="true"><?cs var:string.slice(d.user.username, 0, 1) ?></span>
    <div>
      <h1><?cs var:d.user.username ?> <?cs call:badges(d.user.badges) ?></h1>
      <p class="meta"><?cs var:L.profile.joined ?> <time datetime="<?cs var:d.user.joined ?>"><?cs var:d.user.joined ?></time><?cs if:d.user.last_seen ?> · <?cs var:L.profile.last_seen ?> <time datetime="<?cs var:d.user.last_seen ?>"><?cs var:d.user.last_seen ?></time><?cs /if ?></p>
    </div>
  </div>
  <?cs if:me.id && me.id != d.user.id ?><?cs call:follow_form(d.follow, "/u/" + d.user.username) ?><?cs /if ?>
  <?cs if:d.user.bio ?><h2><?cs var:L.profile.about ?></h2><p class="bio"><?cs var:d.user.bio ?></p><?cs /if ?>
  <h2><?cs var:L.profile.activity ?></h2>
  <?cs if:subcount(d.activity) ?>
  <ul class="activity"><?cs each:a = d.activity ?><li><a href="<?cs var:a.url ?>"><?cs var:a.title ?></a> <span class="meta"><?cs var:a.when ?></span></li><?cs /each ?></ul>
  <?cs else ?><p class="empty"><?cs var:L.profile.no_activity ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
