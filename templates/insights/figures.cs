<?cs # insights/figures.cs: the filter form and the figures of an insight page.
     Included by insights/overview.cs, or drawn once by itself
     (insights/kept.cs) and kept with the figures: it may read only what the
     figures' key holds (the filter and the language), never who is reading. ?><form class="insight-filters" action="<?cs var:d.action ?>" method="get" novalidate>
  <?cs if:error.reason ?><p class="notice notice-error" role="alert"><?cs var:error.reason ?></p><?cs /if ?>
  <div class="field"><label for="f-from"><?cs var:L.insights.from ?></label>
    <input id="f-from" name="from" type="date" value="<?cs var:d.filter.from ?>"<?cs call:described("from", "1") ?>><?cs call:field_error("from") ?></div>
  <div class="field"><label for="f-to"><?cs var:L.insights.to ?></label>
    <input id="f-to" name="to" type="date" value="<?cs var:d.filter.to ?>"<?cs call:described("to", "") ?>><?cs call:field_error("to") ?></div>
  <?cs if:!d.filter.fixed_category && !d.filter.fixed_product ?>
  <div class="field"><label for="f-category"><?cs var:L.insights.category ?></label>
    <select id="f-category" name="category"<?cs call:described("category", "") ?>><option value=""><?cs var:L.insights.any_category ?></option><?cs each:c = d.options.categories ?><option value="<?cs var:c.slug ?>"<?cs if:d.filter.category == c.slug ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select><?cs call:field_error("category") ?></div>
  <div class="field"><label for="f-product"><?cs var:L.insights.product ?></label>
    <select id="f-product" name="product"<?cs call:described("product", "") ?>><option value=""><?cs var:L.insights.any_product ?></option><?cs each:p = d.options.products ?><option value="<?cs var:p.sku ?>"<?cs if:d.filter.product == p.sku ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select><?cs call:field_error("product") ?></div>
  <?cs /if ?>
  <div class="field"><label for="f-segment"><?cs var:L.insights.segment ?></label>
    <select id="f-segment" name="segment"<?cs call:described("segment", "") ?>><option value=""><?cs var:L.insights.any_segment ?></option><?cs each:s = d.options.segments ?><option value="<?cs var:s.key ?>"<?cs if:d.filter.segment == s.key ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?></select><?cs call:field_error("segment") ?></div>
  <p class="hint" id="from-hint"><?cs var:L.insights.dates_hint ?></p>
  <button type="submit" class="button button-secondary"><?cs var:L.insights.apply ?></button>
</form>

<?cs if:subcount(d.totals) ?>
<?cs with:t = d.totals ?>
<section aria-labelledby="h-summary">
<h2 id="h-summary"><?cs var:L.insights.summary ?></h2>
<?cs if:t.small ?><?cs call:small_sample(t.items, d.themes.negative.min_sample) ?><?cs /if ?>
<dl class="figures">
  <div><dt><?cs var:L.insights.items ?></dt><dd><?cs var:t.items ?></dd></div>
  <div><dt><?cs var:L.insights.posts ?></dt><dd><?cs var:t.posts ?></dd></div>
  <div><dt><?cs var:L.insights.reviews ?></dt><dd><?cs var:t.reviews ?></dd></div>
  <div><dt><?cs var:L.insights.ideas ?></dt><dd><?cs var:t.ideas ?></dd></div>
  <div><dt><?cs var:L.insights.avg_score ?></dt><dd><?cs if:t.avg_score_text ?><?cs var:t.avg_score_text ?><?cs else ?>–<?cs /if ?></dd></div>
  <div><dt><?cs var:L.insights.positive_share ?></dt><dd><?cs if:t.positive_pct_text ?><?cs var:t.positive_pct_text ?> %<?cs else ?>–<?cs /if ?></dd></div>
  <div><dt><?cs var:L.insights.negative_share ?></dt><dd><?cs if:t.negative_pct_text ?><?cs var:t.negative_pct_text ?> %<?cs else ?>–<?cs /if ?></dd></div>
  <div><dt><?cs var:L.insights.avg_rating ?></dt><dd><?cs if:t.avg_rating_text ?><?cs var:t.avg_rating_text ?><?cs else ?>–<?cs /if ?></dd></div>
</dl>
<?cs if:t.unscored > 0 ?><p class="notice notice-warn"><?cs var:t.unscored ?> <?cs var:L.insights.unscored ?></p><?cs /if ?>
</section>

<section aria-labelledby="h-volume" class="chart-block">
<h2 id="h-volume"><?cs var:L.insights.chart.volume ?></h2>
<div class="chart-pair"><figure><?cs call:chart(d.charts.volume) ?></figure>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:L.insights.as_table ?>: <?cs var:L.insights.chart.volume ?>"><table class="data" id="table-volume"><caption><?cs var:L.insights.chart.volume ?></caption><thead><tr><th scope="col"><?cs var:L.insights.chart["x_" + d.granularity] ?></th><th scope="col"><?cs var:L.insights.posts ?></th><th scope="col"><?cs var:L.insights.reviews ?></th><th scope="col"><?cs var:L.insights.ideas ?></th></tr></thead>
<tbody><?cs each:s = d.series ?><tr><th scope="row"><?cs var:s.label ?></th><td><?cs var:s.posts ?></td><td><?cs var:s.reviews ?></td><td><?cs var:s.ideas ?></td></tr><?cs /each ?></tbody></table></div></div>
</section>

<section aria-labelledby="h-sentiment" class="chart-block">
<h2 id="h-sentiment"><?cs var:L.insights.chart.sentiment ?></h2>
<div class="chart-pair"><figure><?cs call:chart(d.charts.sentiment) ?></figure>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:L.insights.as_table ?>: <?cs var:L.insights.chart.sentiment ?>"><table class="data" id="table-sentiment"><caption><?cs var:L.insights.chart.sentiment ?></caption><thead><tr><th scope="col"><?cs var:L.insights.chart["x_" + d.granularity] ?></th><th scope="col"><?cs var:L.insights.avg_score ?></th><th scope="col"><?cs var:L.insights.positive ?></th><th scope="col"><?cs var:L.insights.neutral ?></th><th scope="col"><?cs var:L.insights.negative ?></th></tr></thead>
<tbody><?cs each:s = d.series ?><tr><th scope="row"><?cs var:s.label ?></th><td><?cs if:s.avg_score_text ?><?cs var:s.avg_score_text ?><?cs else ?>–<?cs /if ?></td><td><?cs var:s.positive ?></td><td><?cs var:s.neutral ?></td><td><?cs var:s.negative ?></td></tr><?cs /each ?></tbody></table></div></div>
</section>

<section aria-labelledby="h-rating" class="chart-block">
<h2 id="h-rating"><?cs var:L.insights.chart.rating ?></h2>
<div class="chart-pair"><figure><?cs call:chart(d.charts.rating) ?></figure>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:L.insights.as_table ?>: <?cs var:L.insights.chart.rating ?>"><table class="data" id="table-rating"><caption><?cs var:L.insights.chart.rating ?></caption><thead><tr><th scope="col"><?cs var:L.insights.chart["x_" + d.granularity] ?></th><th scope="col"><?cs var:L.insights.avg_rating ?></th><th scope="col"><?cs var:L.insights.rated ?></th></tr></thead>
<tbody><?cs each:s = d.series ?><tr><th scope="row"><?cs var:s.label ?></th><td><?cs if:s.avg_rating_text ?><?cs var:s.avg_rating_text ?><?cs else ?>–<?cs /if ?></td><td><?cs var:s.rated ?></td></tr><?cs /each ?></tbody></table></div></div>
</section>

<section aria-labelledby="h-stars" class="chart-block">
<h2 id="h-stars"><?cs var:L.insights.chart.stars ?></h2>
<div class="chart-pair"><figure><?cs call:chart(d.charts.stars) ?></figure>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:L.insights.as_table ?>: <?cs var:L.insights.chart.stars ?>"><table class="data" id="table-stars"><caption><?cs var:L.insights.chart.stars ?></caption><thead><tr><th scope="col"><?cs var:L.insights.stars ?></th><th scope="col"><?cs var:L.insights.reviews ?></th><th scope="col">%</th></tr></thead>
<tbody><?cs loop:k = 5, 1, -1 ?><tr><th scope="row"><?cs var:k ?></th><td><?cs var:t["stars" + k] ?></td><td><?cs if:t["stars" + k + "_pct_text"] ?><?cs var:t["stars" + k + "_pct_text"] ?><?cs else ?>–<?cs /if ?></td></tr><?cs /loop ?></tbody></table></div></div>
</section>

<section aria-labelledby="h-themes">
<h2 id="h-themes"><?cs var:L.insights.themes ?></h2>
<p class="hint"><?cs var:L.insights.themes_hint ?></p>
<div class="theme-columns">
  <div><h3><?cs var:L.insights.themes_negative ?></h3><?cs call:themes(d.themes.negative, "negative") ?></div>
  <div><h3><?cs var:L.insights.themes_positive ?></h3><?cs call:themes(d.themes.positive, "positive") ?></div>
</div>
</section>

<?cs if:d.scope != "product" ?>
<section aria-labelledby="h-products">
<h2 id="h-products"><?cs var:L.insights.products ?></h2>
<p class="hint"><?cs var:L.insights.products_hint ?> <?cs var:d.filter.prev_from_text ?> – <?cs var:d.filter.prev_to_text ?>.</p>
<?cs if:subcount(d.products) ?><div class="table-wrap"><table class="data" id="table-products"><thead><tr><th scope="col"><?cs var:L.insights.product ?></th><th scope="col"><?cs var:L.insights.items ?></th><th scope="col"><?cs var:L.insights.avg_score ?></th><th scope="col"><?cs var:L.insights.change ?></th><th scope="col"><?cs var:L.insights.avg_rating ?></th><th scope="col"><?cs var:L.insights.change ?></th></tr></thead>
<tbody><?cs each:p = d.products ?><tr><th scope="row"><a href="/insights/p/<?cs var:p.sku ?>?from=<?cs var:d.filter.from ?>&amp;to=<?cs var:d.filter.to ?>"><?cs var:p.name ?></a><?cs if:p.small ?> <span class="tag"><?cs var:L.insights.small ?></span><?cs /if ?></th><td><?cs var:p.items ?></td><td><?cs if:p.avg_score_text ?><?cs var:p.avg_score_text ?><?cs else ?>–<?cs /if ?></td><td><?cs call:change(p.score_change_text, p.score_change_dir) ?></td><td><?cs if:p.avg_rating_text ?><?cs var:p.avg_rating_text ?><?cs else ?>–<?cs /if ?></td><td><?cs call:change(p.rating_change_text, p.rating_change_dir) ?></td></tr><?cs /each ?></tbody></table></div>
<?cs else ?><p class="empty"><?cs var:L.insights.no_products ?></p><?cs /if ?>
</section>
<?cs /if ?>

<section aria-labelledby="h-forum">
<h2 id="h-forum"><?cs var:L.insights.forum ?></h2>
<dl class="figures">
  <div><dt><?cs var:L.insights.threads ?></dt><dd><?cs var:t.threads ?></dd></div>
  <div><dt><?cs var:L.insights.unanswered ?></dt><dd><?cs var:t.unanswered ?></dd></div>
  <div><dt><?cs var:L.insights.first_reply ?></dt><dd><?cs if:t.first_reply_hours_text ?><?cs var:t.first_reply_hours_text ?> h<?cs else ?>–<?cs /if ?></dd></div>
  <div><dt><?cs var:L.insights.solved_rate ?></dt><dd><?cs if:t.solved_pct_text ?><?cs var:t.solved_pct_text ?> %<?cs else ?>–<?cs /if ?></dd></div>
</dl>
<h3><?cs var:L.insights.unanswered_list ?></h3>
<?cs if:subcount(d.unanswered) ?><ul class="plain-list"><?cs each:u = d.unanswered ?><li><a href="/t/<?cs var:u.id ?>/<?cs var:u.slug ?>"><?cs var:u.title ?></a> <span class="meta"><?cs var:u.category_name ?> · <?cs call:time(u.created_at) ?></span></li><?cs /each ?></ul>
<?cs else ?><p class="empty"><?cs var:L.insights.none_unanswered ?></p><?cs /if ?>
</section>

<section aria-labelledby="h-ideas">
<h2 id="h-ideas"><?cs var:L.insights.pipeline ?></h2>
<?cs if:subcount(d.pipeline) ?><div class="table-wrap"><table class="data" id="table-pipeline"><thead><tr><th scope="col"><?cs var:L.insights.stage ?></th><th scope="col"><?cs var:L.insights.ideas ?></th></tr></thead>
<tbody><?cs each:p = d.pipeline ?><tr><th scope="row"><?cs var:L.insights.stages[p.stage] ?></th><td><?cs var:p.n ?></td></tr><?cs /each ?></tbody></table></div>
<?cs else ?><p class="empty"><?cs var:L.insights.no_ideas ?></p><?cs /if ?>
</section>

<section aria-labelledby="h-votes" class="chart-block" id="votes">
<h2 id="h-votes"><?cs var:L.insights.chart.votes ?></h2>
<p class="hint"><?cs var:L.insights.votes_hint ?> <?cs var:L.insights.votes_total ?>: <strong><?cs var:d.votes.total ?></strong>.</p>
<div class="chart-pair"><figure><?cs call:chart(d.charts.votes) ?></figure>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:L.insights.as_table ?>: <?cs var:L.insights.chart.votes ?>"><table class="data" id="table-votes"><caption><?cs var:L.insights.chart.votes ?></caption><thead><tr><th scope="col"><?cs var:L.insights.segment ?></th><th scope="col"><?cs var:L.insights.votes ?></th><th scope="col">%</th></tr></thead>
<tbody><?cs each:s = d.votes.segments ?><tr><th scope="row"><?cs var:s.name ?></th><td><?cs var:s.votes ?></td><td><?cs if:s.share_text ?><?cs var:s.share_text ?><?cs else ?>–<?cs /if ?></td></tr><?cs /each ?></tbody></table></div></div>
<h3><?cs var:L.insights.votes_top_ideas ?></h3>
<?cs if:subcount(d.votes.ideas) ?><div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:L.insights.votes_top_ideas ?>"><table class="data" id="table-idea-votes"><thead><tr><th scope="col"><?cs var:L.insights.votes_idea ?></th><th scope="col"><?cs var:L.insights.votes ?></th><?cs each:s = d.votes.segments ?><th scope="col"><?cs var:s.name ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:i = d.votes.ideas ?><tr><th scope="row"><a href="/ideas/<?cs var:i.id ?>"><?cs var:i.title ?></a></th><td><?cs var:i.votes ?></td><?cs each:b = i.by ?><td><?cs var:b.votes ?></td><?cs /each ?></tr><?cs /each ?></tbody></table></div>
<?cs else ?><p class="empty"><?cs var:L.insights.votes_none ?></p><?cs /if ?>
</section>

<section aria-labelledby="h-moderation">
<h2 id="h-moderation"><?cs var:L.insights.moderation ?></h2>
<dl class="figures">
  <div><dt><?cs var:L.insights.content_flags ?></dt><dd><?cs var:t.flags ?></dd></div>
  <div><dt><?cs var:L.insights.resolved ?></dt><dd><?cs var:d.moderation.resolve.resolved ?></dd></div>
  <div><dt><?cs var:L.insights.median_resolve ?></dt><dd><?cs var:d.moderation.resolve.median_hours_text ?> h</dd></div>
  <div><dt><?cs var:L.insights.p90_resolve ?></dt><dd><?cs var:d.moderation.resolve.p90_hours_text ?> h</dd></div>
</dl>
<div class="theme-columns">
<div><h3><?cs var:L.insights.flags_by_reason ?></h3>
<?cs if:subcount(d.moderation.flags) ?><table class="data"><thead><tr><th scope="col"><?cs var:L.insights.reason ?></th><th scope="col"><?cs var:L.insights.count ?></th></tr></thead><tbody><?cs each:f = d.moderation.flags ?><tr><th scope="row"><?cs var:L.insights.reasons[f.reason] ?></th><td><?cs var:f.n ?></td></tr><?cs /each ?></tbody></table><?cs else ?><p class="empty"><?cs var:L.insights.none ?></p><?cs /if ?></div>
<div><h3><?cs var:L.insights.mod_actions ?></h3>
<?cs if:subcount(d.moderation.actions) ?><table class="data"><thead><tr><th scope="col"><?cs var:L.insights.action ?></th><th scope="col"><?cs var:L.insights.count ?></th></tr></thead><tbody><?cs each:a = d.moderation.actions ?><tr><th scope="row"><?cs var:L.insights.actions[a.action] ?></th><td><?cs var:a.n ?></td></tr><?cs /each ?></tbody></table><?cs else ?><p class="empty"><?cs var:L.insights.none ?></p><?cs /if ?></div>
</div>
<p class="hint"><?cs var:L.insights.moderation_hint ?></p>
</section>

<section aria-labelledby="h-six-r">
<h2 id="h-six-r"><?cs var:L.insights.six_r ?></h2>
<?cs with:x = d.six_r ?>
<dl class="figures six-r">
  <div><dt><?cs var:L.insights.r.relationship ?></dt><dd><?cs var:x.relationship.new_members ?></dd><dd class="hint"><?cs var:L.insights.r.relationship_hint ?> (<?cs var:x.relationship.active ?> <?cs var:L.insights.r.active ?>)</dd></div>
  <div><dt><?cs var:L.insights.r.retention ?></dt><dd><?cs var:x.retention.returning ?></dd><dd class="hint"><?cs var:L.insights.r.retention_hint ?><?cs if:x.retention.returning_pct_text ?> (<?cs var:x.retention.returning_pct_text ?> %)<?cs /if ?></dd></div>
  <div><dt><?cs var:L.insights.r.reactivation ?></dt><dd><?cs var:x.reactivation.reactivated ?></dd><dd class="hint"><?cs var:L.insights.r.reactivation_hint ?> <?cs var:x.reactivation.dormant_days ?> <?cs var:L.insights.days ?></dd></div>
  <div><dt><?cs var:L.insights.r.referral ?></dt><dd><?cs var:x.referral.accepted ?></dd><dd class="hint"><?cs var:L.insights.r.referral_hint ?></dd></div>
  <div><dt><?cs var:L.insights.r.recovery ?></dt><dd><?cs var:x.recovery.answered ?> / <?cs var:x.recovery.unhappy ?></dd><dd class="hint"><?cs var:L.insights.r.recovery_hint ?><?cs if:x.recovery.later_score_text ?> <?cs var:L.insights.r.recovery_later ?> <?cs var:x.recovery.later_score_text ?> (<?cs var:x.recovery.later_items ?>)<?cs if:x.recovery.before_score_text ?>, <?cs var:L.insights.r.recovery_before ?> <?cs var:x.recovery.before_score_text ?><?cs /if ?>.<?cs /if ?></dd></div>
  <div><dt><?cs var:L.insights.r.profitability ?></dt><dd><?cs var:x.profitability.verified_reviews ?></dd><dd class="hint"><?cs call:plural(x.profitability.verified_reviews, L.count.verified_reviews.one, L.count.verified_reviews.other) ?><?cs if:x.profitability.verified_pct_text ?> (<?cs var:x.profitability.verified_pct_text ?> %)<?cs /if ?><?cs if:x.profitability.verified_avg_rating_text ?>; <?cs var:L.insights.avg_rating ?> <?cs var:x.profitability.verified_avg_rating_text ?><?cs if:x.profitability.other_avg_rating_text ?> / <?cs var:x.profitability.other_avg_rating_text ?> <?cs var:L.insights.r.others ?><?cs /if ?><?cs /if ?></dd></div>
</dl><?cs /with ?>
</section>
<?cs /with ?><?cs /if ?>
