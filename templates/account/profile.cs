<?cs set:page.title = d.user.username ?><?cs include:"header.cs" ?><?cs include:"follow_macros.cs" ?>
<?cs def:activity(title, items) ?><?cs if:subcount(items) ?>
  <h3><?cs var:title ?></h3>
  <ul class="activity"><?cs each:a = items ?><li><a href="<?cs var:a.url ?>"><?cs var:a.title ?></a><?cs if:a.product ?> <span class="meta"><?cs var:L.profile.review_of ?> <?cs var:a.product ?></span><?cs /if ?> <span class="meta"><?cs call:time(a.created_at) ?></span></li><?cs /each ?></ul>
<?cs /if ?><?cs /def ?>
<section class="panel profile">
  <div class="profile-head">
    <span class="avatar" aria-hidden="true"><?cs var:initial(d.user.username) ?></span>
    <div>
      <h1><?cs var:d.user.username ?> <?cs call:badges(d.user.badges) ?><?cs if:d.user.badges.verified ?><span class="badge badge-verified" title="<?cs var:L.profile.verified_hint ?>"><?cs var:L.profile.verified ?></span><?cs /if ?><?cs if:d.user.badges.solutions ?><span class="badge badge-solutions" title="<?cs var:L.profile.solutions_hint ?>"><?cs var:d.user.badges.solutions ?> <?cs call:plural(d.user.badges.solutions, L.profile.solution_one, L.profile.solutions) ?></span><?cs /if ?></h1>
      <p class="meta"><?cs var:L.profile.joined ?> <time datetime="<?cs var:d.user.joined ?>"><?cs var:d.user.joined ?></time><?cs if:d.user.last_seen ?> · <?cs var:L.profile.last_seen ?> <time datetime="<?cs var:d.user.last_seen ?>"><?cs var:d.user.last_seen ?></time><?cs /if ?></p>
    </div>
  </div>
  <?cs if:me.id && me.id != d.user.id ?><?cs call:follow_form(d.follow, "/u/" + path_escape(d.user.username)) ?><?cs /if ?>
  <?cs if:d.user.bio ?><h2><?cs var:L.profile.about ?></h2><p class="bio"><?cs var:d.user.bio ?></p><?cs /if ?>
  <h2><?cs var:L.profile.activity ?></h2>
  <?cs if:d.has_activity ?>
  <?cs call:activity(L.profile.threads, d.threads) ?>
  <?cs call:activity(L.profile.replies, d.replies) ?>
  <?cs call:activity(L.profile.reviews, d.reviews) ?>
  <?cs call:activity(L.profile.ideas, d.ideas) ?>
  <?cs else ?><p class="empty"><?cs var:L.profile.no_activity ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
