<?cs set:page.title = L.home.title ?><?cs set:nav = "forum" ?><?cs include:"header.cs" ?>
<section class="hero">
  <h1><?cs var:L.home.heading ?></h1>
  <p><?cs var:L.home.intro ?></p>
  <?cs if:me.id ?><p class="hello"><?cs var:L.home.hello ?> <strong><?cs var:me.name ?></strong></p>
  <?cs else ?><p><a class="button" href="/register"><?cs var:L.home.join ?></a></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
