<?cs set:page.title = L.ideas.similar_title ?><?cs set:nav = "ideas" ?><?cs include:"header.cs" ?><?cs include:"ideas/macros.cs" ?>
<h1><?cs var:L.ideas.similar_title ?></h1>
<form action="/ideas/similar" method="get" class="search-page-form" role="search">
  <div class="field">
    <label for="q"><?cs var:L.ideas.title_label ?></label>
    <input id="q" name="q" type="search" value="<?cs var:d.q ?>" maxlength="<?cs var:limits.title_max ?>"<?cs call:described("q", "") ?>>
    <?cs call:field_error("q") ?>
  </div>
  <button type="submit" class="button"><?cs var:L.ideas.check ?></button>
</form>
<?cs if:subcount(d.similar) ?><ul class="similar-list"><?cs each:s = d.similar ?><li><a href="/ideas/<?cs var:s.id ?>"><?cs var:s.title ?></a> <?cs call:idea_status(s.status) ?> <span class="meta"><?cs call:idea_votes(s.vote_count) ?></span></li><?cs /each ?></ul>
<?cs elif:d.q ?><p class="empty"><?cs var:L.ideas.no_similar ?></p><?cs /if ?>
<?cs include:"footer.cs" ?>
