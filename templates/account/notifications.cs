<?cs set:page.title = L.notify.title ?><?cs include:"header.cs" ?>
<section class="panel">
  <div class="page-head">
    <h1><?cs var:L.notify.heading ?></h1>
    <?cs if:me.unread > 0 ?>
    <form action="/notifications/read-all" method="post" class="inline-form"><?cs call:csrf_field() ?><button type="submit" class="button button-small button-secondary"><?cs var:L.notify.mark_all_read ?></button></form>
    <?cs /if ?>
  </div>
  <?cs if:done ?><p class="notice notice-ok" role="status"><?cs var:L.notify.all_read ?></p><?cs /if ?>
  <?cs if:subcount(d.groups) ?>
  <ul class="notification-list">
  <?cs each:g = d.groups ?>
    <li class="notification<?cs if:g.unread == "1" ?> unread<?cs /if ?>" id="n<?cs var:g.id ?>">
      <div class="notification-main">
        <?cs if:g.unread == "1" ?><span class="tag tag-new"><?cs var:L.notify.new ?></span><?cs /if ?>
        <a class="notification-text" href="/notifications/<?cs var:g.id ?>"><?cs var:g.text ?></a>
        <?cs if:g.detail ?><p class="meta"><?cs var:L.notify.reason ?> <?cs var:g.detail ?></p><?cs /if ?>
        <p class="meta"><?cs call:time(g.created_at) ?></p>
      </div>
      <?cs if:g.unread == "1" ?>
      <form action="/notifications/<?cs var:g.id ?>/read" method="post" class="inline-form"><?cs call:csrf_field() ?><input type="hidden" name="next" value="/notifications<?cs if:d.page > 1 ?>?page=<?cs var:d.page ?><?cs /if ?>"><button type="submit" class="chip"><?cs var:L.notify.mark_read ?></button></form>
      <?cs /if ?>
    </li>
  <?cs /each ?>
  </ul>
  <?cs else ?>
  <p class="empty"><?cs var:L.notify.none ?></p>
  <?cs /if ?>
  <?cs call:pager("/notifications", "?") ?>
  <p class="aside"><a href="/notifications/following"><?cs var:L.notify.following_link ?></a> · <a href="/settings#email"><?cs var:L.notify.email_link ?></a> · <a href="/invite"><?cs var:L.notify.invite_link ?></a></p>
</section>
<?cs include:"footer.cs" ?>
