<?cs set:page.title = L.mod.transparency ?><?cs include:"header.cs" ?><?cs include:"moderation/macros.cs" ?>
<h1><?cs var:L.mod.transparency ?></h1>
<p class="lead"><?cs var:L.mod.transparency_intro ?></p>
<h2><?cs var:L.mod.log_action ?></h2>
<div class="table-wrap"><table class="data"><thead><tr><th scope="col"><?cs var:L.mod.month ?></th><th scope="col"><?cs var:L.mod.log_action ?></th><th scope="col"><?cs var:L.mod.count ?></th></tr></thead>
<tbody><?cs each:a = d.actions ?><tr><td><?cs call:month(a) ?></td><td><?cs if:L.mod.act[a.action] ?><?cs var:L.mod.act[a.action] ?><?cs else ?><?cs var:a.action ?><?cs /if ?></td><td><?cs var:a.n ?></td></tr><?cs /each ?></tbody></table></div>
<h2><?cs var:L.mod.flag_reasons ?></h2>
<div class="table-wrap"><table class="data"><thead><tr><th scope="col"><?cs var:L.mod.month ?></th><th scope="col"><?cs var:L.mod.flag_reason ?></th><th scope="col"><?cs var:L.mod.count ?></th></tr></thead>
<tbody><?cs each:f = d.flags ?><tr><td><?cs call:month(f) ?></td><td><?cs var:L.mod["r_" + f.reason] ?></td><td><?cs var:f.n ?></td></tr><?cs /each ?></tbody></table></div>
<?cs include:"footer.cs" ?>
