<?cs set:page.title = L.insights.digest ?><?cs include:"header.cs" ?><?cs include:"insights/macros.cs" ?>
<div class="page-head">
  <div>
    <h1><?cs var:L.insights.digest ?></h1>
    <?cs if:d.digest.from ?><p class="lead"><?cs var:L.insights.period ?> <?cs var:d.digest.from_text ?> – <?cs var:d.digest.to_text ?></p><?cs /if ?>
  </div>
  <p class="actions"><a href="/insights"><?cs var:L.insights.all ?></a></p>
</div>
<form class="insight-filters" action="/insights/digest" method="get" novalidate>
  <?cs if:error.reason ?><p class="notice notice-error" role="alert"><?cs var:error.reason ?></p><?cs /if ?>
  <div class="field"><label for="f-to"><?cs var:L.insights.week_ending ?></label>
    <input id="f-to" name="to" type="date" value="<?cs var:d.digest.to ?>"<?cs call:described("to", "") ?>><?cs call:field_error("to") ?></div>
  <button type="submit" class="button button-secondary"><?cs var:L.insights.apply ?></button>
</form>
<?cs if:subcount(d.digest.week) ?><?cs with:w = d.digest.week ?><?cs with:b = d.digest.week_before ?>
<section aria-labelledby="h-week">
<h2 id="h-week"><?cs var:L.insights.this_week ?></h2>
<div class="table-wrap"><table class="data" id="table-week"><thead><tr><th scope="col"></th><th scope="col"><?cs var:L.insights.this_week ?></th><th scope="col"><?cs var:L.insights.week_before ?></th></tr></thead>
<tbody>
<tr><th scope="row"><?cs var:L.insights.items ?></th><td><?cs var:w.items ?></td><td><?cs var:b.items ?></td></tr>
<tr><th scope="row"><?cs var:L.insights.avg_score ?></th><td><?cs if:w.avg_score_text ?><?cs var:w.avg_score_text ?><?cs else ?>–<?cs /if ?></td><td><?cs if:b.avg_score_text ?><?cs var:b.avg_score_text ?><?cs else ?>–<?cs /if ?></td></tr>
<tr><th scope="row"><?cs var:L.insights.negative_share ?></th><td><?cs if:w.negative_pct_text ?><?cs var:w.negative_pct_text ?> %<?cs else ?>–<?cs /if ?></td><td><?cs if:b.negative_pct_text ?><?cs var:b.negative_pct_text ?> %<?cs else ?>–<?cs /if ?></td></tr>
<tr><th scope="row"><?cs var:L.insights.avg_rating ?></th><td><?cs if:w.avg_rating_text ?><?cs var:w.avg_rating_text ?><?cs else ?>–<?cs /if ?></td><td><?cs if:b.avg_rating_text ?><?cs var:b.avg_rating_text ?><?cs else ?>–<?cs /if ?></td></tr>
<tr><th scope="row"><?cs var:L.insights.unanswered ?></th><td><?cs var:w.unanswered ?></td><td><?cs var:b.unanswered ?></td></tr>
</tbody></table></div>
</section>
<?cs /with ?><?cs /with ?>

<section aria-labelledby="h-moves">
<h2 id="h-moves"><?cs var:L.insights.moves ?></h2>
<?cs if:subcount(d.digest.products) || subcount(d.digest.categories) ?><div class="table-wrap"><table class="data" id="table-moves"><thead><tr><th scope="col"><?cs var:L.insights.what ?></th><th scope="col"><?cs var:L.insights.week_before ?></th><th scope="col"><?cs var:L.insights.this_week ?></th><th scope="col"><?cs var:L.insights.change ?></th></tr></thead>
<tbody><?cs each:p = d.digest.products ?><tr><th scope="row"><a href="/insights/p/<?cs var:p.sku ?>"><?cs var:p.name ?></a></th><td><?cs var:p.prev_avg_score_text ?></td><td><?cs var:p.avg_score_text ?></td><td><?cs call:change(p.score_change_text, p.score_change_dir) ?></td></tr><?cs /each ?>
<?cs each:c = d.digest.categories ?><tr><th scope="row"><a href="/insights/c/<?cs var:c.slug ?>"><?cs var:c.name ?></a></th><td><?cs var:c.prev_avg_score_text ?></td><td><?cs var:c.avg_score_text ?></td><td><?cs call:change(c.score_change_text, c.score_change_dir) ?></td></tr><?cs /each ?></tbody></table></div>
<?cs else ?><p class="empty"><?cs var:L.insights.no_moves ?></p><?cs /if ?>
</section>

<section aria-labelledby="h-new-themes">
<h2 id="h-new-themes"><?cs var:L.insights.new_negative_themes ?></h2>
<?cs if:subcount(d.digest.new_themes) ?><ol class="themes"><?cs each:th = d.digest.new_themes ?><li class="theme"><p class="theme-head"><strong class="theme-phrase"><?cs var:th.phrase ?></strong> <span class="meta"><?cs var:L.insights.mentions ?>: <?cs var:th.count ?></span></p>
<?cs each:q = th.quotes ?><blockquote class="quote"><p><?cs var:q.text ?></p><footer><a href="<?cs var:q.url ?>"><?cs var:L.insights["quote_" + q.kind] ?></a></footer></blockquote><?cs /each ?></li><?cs /each ?></ol>
<?cs else ?><p class="empty"><?cs var:L.insights.no_new_themes ?></p><?cs /if ?>
</section>

<section aria-labelledby="h-top-ideas">
<h2 id="h-top-ideas"><?cs var:L.insights.top_ideas ?></h2>
<?cs if:subcount(d.digest.ideas) ?><ol class="plain-list"><?cs each:i = d.digest.ideas ?><li><a href="/ideas/<?cs var:i.id ?>"><?cs var:i.title ?></a> <span class="meta"><?cs call:count(i.votes, "votes_this_week") ?> · <?cs var:L.insights.stages[i.stage] ?></span></li><?cs /each ?></ol>
<?cs else ?><p class="empty"><?cs var:L.insights.no_votes ?></p><?cs /if ?>
</section>

<section aria-labelledby="h-unanswered">
<h2 id="h-unanswered"><?cs var:L.insights.unanswered_list ?></h2>
<?cs if:subcount(d.digest.unanswered) ?><ul class="plain-list"><?cs each:u = d.digest.unanswered ?><li><a href="/t/<?cs var:u.id ?>/<?cs var:u.slug ?>"><?cs var:u.title ?></a> <span class="meta"><?cs var:u.category_name ?> · <?cs call:time(u.created_at) ?></span></li><?cs /each ?></ul>
<?cs else ?><p class="empty"><?cs var:L.insights.none_unanswered ?></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
