<?cs set:page.title = L.mod.stats ?><?cs include:"header.cs" ?>
<h1><?cs var:L.mod.stats ?></h1>
<form action="/mod/stats" method="get" class="inline-search"><label for="days"><?cs var:L.mod.stats_days ?></label><input id="days" name="days" type="number" min="1" max="3650" value="<?cs var:d.days ?>"><button type="submit" class="button button-secondary"><?cs var:L.mod.filter ?></button></form>
<dl class="figures">
  <div><dt><?cs var:L.mod.open_items ?></dt><dd><?cs var:d.open_items ?></dd></div>
  <div><dt><?cs var:L.mod.resolved ?></dt><dd><?cs var:d.resolve.resolved ?></dd></div>
  <div><dt><?cs var:L.mod.median ?></dt><dd><?cs var:d.resolve.median_shown ?></dd></div>
  <div><dt><?cs var:L.mod.p90 ?></dt><dd><?cs var:d.resolve.p90_shown ?></dd></div>
</dl>
<h2><?cs var:L.mod.flag_reasons ?></h2>
<div class="table-wrap"><table class="data"><thead><tr><th scope="col"><?cs var:L.mod.flag_reason ?></th><th scope="col"><?cs var:L.mod.count ?></th></tr></thead>
<tbody><?cs each:f = d.flags_by_reason ?><tr><td><?cs var:L.mod["r_" + f.reason] ?></td><td><?cs var:f.n ?></td></tr><?cs /each ?></tbody></table></div>
<h2><?cs var:L.mod.by_category ?></h2>
<div class="table-wrap"><table class="data"><thead><tr><th scope="col"><?cs var:L.search.category ?></th><th scope="col"><?cs var:L.mod.log_action ?></th><th scope="col"><?cs var:L.mod.count ?></th></tr></thead>
<tbody><?cs each:c = d.by_category ?><tr><td><?cs if:c.category ?><a href="/c/<?cs var:url_escape(c.category) ?>"><?cs var:c.category_name ?></a><?cs else ?><?cs var:L.mod.no_category ?><?cs /if ?></td><td><?cs if:L.mod.act[c.action] ?><?cs var:L.mod.act[c.action] ?><?cs else ?><?cs var:c.action ?><?cs /if ?></td><td><?cs var:c.n ?></td></tr><?cs /each ?></tbody></table></div>
<h2><?cs var:L.mod.by_product ?></h2>
<div class="table-wrap"><table class="data"><thead><tr><th scope="col"><?cs var:L.site.products ?></th><th scope="col"><?cs var:L.mod.log_action ?></th><th scope="col"><?cs var:L.mod.count ?></th></tr></thead>
<tbody><?cs each:c = d.by_product ?><tr><td><?cs var:c.product_name ?> (<?cs var:c.product ?>)</td><td><?cs if:L.mod.act[c.action] ?><?cs var:L.mod.act[c.action] ?><?cs else ?><?cs var:c.action ?><?cs /if ?></td><td><?cs var:c.n ?></td></tr><?cs /each ?></tbody></table></div>
<?cs include:"footer.cs" ?>
