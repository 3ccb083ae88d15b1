<?cs set:page.title = L.ideas.roadmap ?><?cs set:nav = "ideas" ?><?cs include:"header.cs" ?><?cs include:"ideas/macros.cs" ?>
<?cs def:roadmap_column(id, title, list) ?><section class="roadmap-column" aria-labelledby="<?cs var:id ?>-h">
  <h2 id="<?cs var:id ?>-h"><?cs var:title ?> <span class="meta">(<?cs var:subcount(list) ?>)</span></h2>
  <?cs if:subcount(list) ?><ul class="roadmap-list"><?cs each:i = list ?>
    <li><a href="/ideas/<?cs var:i.id ?>"><?cs var:i.title ?></a>
      <p class="meta"><?cs call:idea_votes(i.vote_count) ?><?cs if:i.product.name ?> · <?cs var:i.product.name ?><?cs /if ?><?cs if:i.status_changed_at ?> · <?cs call:time(i.status_changed_at) ?><?cs /if ?></p></li>
  <?cs /each ?></ul>
  <?cs else ?><p class="empty"><?cs var:L.ideas.empty_column ?></p><?cs /if ?>
</section><?cs /def ?>
<div class="page-head">
  <div>
    <h1><?cs var:L.ideas.roadmap ?></h1>
    <p class="lead"><?cs var:L.ideas.roadmap_intro ?></p>
  </div>
  <p class="actions"><a href="/ideas"><?cs var:L.ideas.all_ideas ?></a></p>
</div>
<?cs if:error.reason ?><p class="notice notice-error" role="alert"><?cs var:error.reason ?></p><?cs /if ?>
<?cs call:idea_filters("/roadmap") ?>
<div class="roadmap">
  <?cs call:roadmap_column("planned", L.ideas.status.planned, d.planned) ?>
  <?cs call:roadmap_column("in-progress", L.ideas.status.in_progress, d.in_progress) ?>
  <?cs call:roadmap_column("done", L.ideas.shipped, d.done) ?>
</div>
<?cs include:"footer.cs" ?>
