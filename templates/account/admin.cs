<?cs set:page.title = L.admin.title ?><?cs include:"header.cs" ?>
<section class="panel">
  <h1 id="admin-h"><?cs var:L.admin.heading ?></h1>
  <p><a href="/admin/categories"><?cs var:L.cats.heading ?></a></p>
  <h2><?cs var:L.admin.users ?></h2>
  <?cs if:saved ?><p class="notice notice-ok" role="status"><?cs var:L.admin.saved ?> <?cs var:saved ?></p><?cs /if ?>
  <form action="/admin" method="get" class="inline-search" role="search" aria-labelledby="admin-h">
    <label for="q"><?cs var:L.admin.find ?></label>
    <input id="q" name="q" type="search" value="<?cs var:d.q ?>">
    <button type="submit" class="button button-secondary"><?cs var:L.admin.find_submit ?></button>
  </form>
  <?cs if:subcount(d.users) ?>
  <ul class="user-roles">
  <?cs each:u = d.users ?>
    <li>
      <form action="/admin/roles" method="post">
        <?cs call:csrf_field() ?>
        <input type="hidden" name="username" value="<?cs var:u.username ?>">
        <div class="user-line"><a href="/u/<?cs var:path_escape(u.username) ?>"><strong><?cs var:u.username ?></strong></a> <span class="meta"><?cs var:u.email ?> · <?cs var:L.admin.joined ?> <?cs call:date(u.joined_at) ?></span></div>
        <fieldset>
          <legend class="visually-hidden"><?cs var:L.admin.roles ?>: <?cs var:u.username ?></legend>
          <?cs each:role = u.role ?>
          <label class="check"><input type="checkbox" name="<?cs name:role ?>" value="on"<?cs if:role == "1" ?> checked<?cs /if ?>> <?cs var:L.badge[name(role)] ?></label>
          <?cs /each ?>
          <button type="submit" class="button button-small"><?cs var:L.admin.save ?></button>
        </fieldset>
      </form>
    </li>
  <?cs /each ?>
  </ul>
  <?cs if:d.next_page ?><p><a href="/admin?q=<?cs var:url_escape(d.q) ?>&amp;page=<?cs var:d.next_page ?>"><?cs var:L.admin.next ?></a></p><?cs /if ?>
  <?cs else ?><p class="empty"><?cs var:L.admin.none ?></p><?cs /if ?>

  <h2 id="restricted"><?cs var:L.admin.restricted ?></h2>
  <?cs if:lifted ?><p class="notice notice-ok" role="status"><?cs var:L.admin.lifted ?> <?cs var:lifted ?></p><?cs /if ?>
  <?cs if:subcount(d.restricted) ?>
  <ul class="user-roles">
  <?cs each:u = d.restricted ?>
    <li>
      <form action="/admin/lift" method="post">
        <?cs call:csrf_field() ?>
        <input type="hidden" name="username" value="<?cs var:u.username ?>">
        <div class="user-line"><a href="/u/<?cs var:path_escape(u.username) ?>"><strong><?cs var:u.username ?></strong></a>
          <?cs if:u.suspended_until_at ?><span class="meta"><?cs var:L.admin.suspended_until ?> <?cs call:time(u.suspended_until_at) ?></span><?cs /if ?>
          <?cs if:u.silenced_until_at ?><span class="meta"><?cs var:L.admin.silenced_until ?> <?cs call:time(u.silenced_until_at) ?></span><?cs /if ?>
          <button type="submit" class="button button-small" aria-label="<?cs var:L.admin.lift_label ?> <?cs var:u.username ?>"><?cs var:L.admin.lift ?></button>
        </div>
      </form>
    </li>
  <?cs /each ?>
  </ul>
  <?cs else ?><p class="empty"><?cs var:L.admin.restricted_none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
