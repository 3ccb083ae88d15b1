<?cs set:page.title = L.ideas.title ?><?cs set:nav = "ideas" ?><?cs include:"header.cs" ?><?cs include:"ideas/macros.cs" ?>
<div class="page-head">
  <div>
    <h1><?cs var:L.ideas.heading ?></h1>
    <p class="lead"><?cs var:L.ideas.intro ?></p>
  </div>
  <p class="actions"><a href="/roadmap"><?cs var:L.ideas.roadmap ?></a><a class="button" href="/ideas/new"><?cs var:L.ideas.new ?></a></p>
</div>
<?cs if:error.reason ?><p class="notice notice-error" role="alert"><?cs var:error.reason ?></p><?cs /if ?>
<?cs if:d.me.budget ?><p class="notice"><?cs var:L.ideas.budget_left ?> <strong><?cs var:d.me.votes_left ?></strong> / <?cs var:d.me.budget ?></p><?cs /if ?>
<?cs set:filter_qs = "&status=" + d.filter.status + "&product=" + url_escape(d.filter.product) + "&category=" + d.filter.category ?>
<nav class="tabs" aria-label="<?cs var:L.ideas.sort_label ?>">
  <a href="/ideas?sort=top<?cs var:filter_qs ?>"<?cs if:d.sort == "top" ?> aria-current="page"<?cs /if ?>><?cs var:L.ideas.sort_top ?></a>
  <a href="/ideas?sort=new<?cs var:filter_qs ?>"<?cs if:d.sort == "new" ?> aria-current="page"<?cs /if ?>><?cs var:L.ideas.sort_new ?></a>
  <a href="/ideas?sort=trending<?cs var:filter_qs ?>"<?cs if:d.sort == "trending" ?> aria-current="page"<?cs /if ?>><?cs var:L.ideas.sort_trending ?></a>
</nav>
<?cs call:idea_filters("/ideas") ?>
<?cs if:subcount(d.ideas) ?><ul class="idea-list"><?cs each:i = d.ideas ?><?cs call:idea_row(i) ?><?cs /each ?></ul>
<?cs else ?><p class="empty"><?cs var:L.ideas.none ?></p><?cs /if ?>
<?cs call:pager("/ideas?sort=" + d.sort + filter_qs, "&") ?>
<?cs include:"footer.cs" ?>
