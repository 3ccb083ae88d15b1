<?cs set:page.title = d.category.name ?><?cs set:page.description = d.category.description ?><?cs set:page.feed = "/c/" + d.category.slug + "/feed" ?><?cs set:page.feed_title = d.category.name ?><?cs set:nav = "forum" ?><?cs include:"header.cs" ?>
<div class="page-head">
  <div>
    <h1><?cs var:d.category.name ?></h1>
    <p class="lead"><?cs var:d.category.description ?></p>
  </div>
  <?cs if:can_start ?><a class="button" href="/t/new?c=<?cs var:d.category.slug ?>"><?cs var:L.forum.new_thread ?></a><?cs else ?><p class="meta"><?cs var:L.forum.staff_threads ?></p><?cs /if ?>
</div>
<?cs include:"follow_macros.cs" ?><?cs call:follow_form(d.follow, "/c/" + d.category.slug) ?>
<nav class="tabs" aria-label="<?cs var:L.forum.sort_label ?>">
  <a href="/c/<?cs var:d.category.slug ?>?sort=latest"<?cs if:d.sort == "latest" ?> aria-current="page"<?cs /if ?>><?cs var:L.forum.sort_latest ?></a>
  <a href="/c/<?cs var:d.category.slug ?>?sort=top"<?cs if:d.sort == "top" ?> aria-current="page"<?cs /if ?>><?cs var:L.forum.sort_top ?></a>
  <a href="/c/<?cs var:d.category.slug ?>?sort=new"<?cs if:d.sort == "new" ?> aria-current="page"<?cs /if ?>><?cs var:L.forum.sort_new ?></a>
  <a href="/c/<?cs var:d.category.slug ?>?sort=unanswered"<?cs if:d.sort == "unanswered" ?> aria-current="page"<?cs /if ?>><?cs var:L.forum.sort_unanswered ?></a>
</nav>
<?cs if:subcount(d.threads) ?><ul class="thread-list"><?cs each:t = d.threads ?><?cs call:thread_row(t) ?><?cs /each ?></ul>
<?cs else ?><p class="empty"><?cs var:L.forum.no_threads ?></p><?cs /if ?>
<?cs call:pager("/c/" + d.category.slug + "?sort=" + d.sort, "&") ?>
<?cs include:"footer.cs" ?>
