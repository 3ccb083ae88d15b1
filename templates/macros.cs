<?cs # macros.cs: pieces every page uses. Included by header.cs. ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:csrf ?>"><?cs /def ?>
<?cs def:field_error(name) ?><?cs if:errors[name] ?><p class="field-error" id="<?cs var:name ?>-error" role="alert"><?cs var:errors[name] ?></p><?cs /if ?><?cs /def ?>
<?cs def:described(name, hint) ?><?cs if:errors[name] ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error<?cs if:hint ?> <?cs var:name ?>-hint<?cs /if ?>"<?cs elif:hint ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?><?cs /def ?>
<?cs def:badges(b) ?><?cs if:b.admin ?><span class="badge badge-admin"><?cs var:L.badge.admin ?></span><?cs /if ?><?cs if:b.moderator ?><span class="badge badge-mod"><?cs var:L.badge.moderator ?></span><?cs /if ?><?cs if:b.staff ?><span class="badge badge-staff"><?cs var:L.badge.staff ?></span><?cs /if ?><?cs /def ?>
<?cs # a count and its word: count(3, "posts") is "3 posts", count(1, "posts") "1 post", from L.count.posts.one and .other of the language files (plural() gives a word alone). English and Spanish both take the singular for 1 only ?>
<?cs def:plural(n, one, many) ?><?cs if:n == 1 ?><?cs var:one ?><?cs else ?><?cs var:many ?><?cs /if ?><?cs /def ?>
<?cs def:count(n, key) ?><?cs var:n ?> <?cs if:n == 1 ?><?cs var:L.count[key].one ?><?cs else ?><?cs var:L.count[key].other ?><?cs /if ?><?cs /def ?>
<?cs # a time (a d. leaf named *_at, answer.c): day and hour, or the day alone, in the reader's language; the datetime attribute stays ISO ?>
<?cs def:time(t) ?><time datetime="<?cs var:t.iso ?>"><?cs var:t.text ?></time><?cs /def ?>
<?cs def:date(t) ?><time datetime="<?cs var:t.iso ?>"><?cs var:t.date ?></time><?cs /def ?>
<?cs # for moderators (as header.cs's link to the queue): the item's moderation page, whatever its status ?>
<?cs def:moderate_link(kind, id) ?><?cs if:me.roles.moderator || me.roles.admin ?><a class="chip" href="/mod/item/<?cs var:kind ?>/<?cs var:id ?>"><?cs var:L.mod.moderate ?></a><?cs /if ?><?cs /def ?>
<?cs def:pager(base, sep) ?><?cs if:d.prev_page || d.next_page ?><nav class="pager" aria-label="<?cs var:L.forum.pages_label ?>"><?cs if:d.prev_page ?><a rel="prev" href="<?cs var:base ?><?cs var:sep ?>page=<?cs var:d.prev_page ?>"><?cs var:L.forum.prev ?></a><?cs /if ?><?cs if:d.pages ?><span><?cs var:L.forum.page ?> <?cs var:d.page ?> <?cs var:L.forum.of ?> <?cs var:d.pages ?></span><?cs /if ?><?cs if:d.next_page ?><a rel="next" href="<?cs var:base ?><?cs var:sep ?>page=<?cs var:d.next_page ?>"><?cs var:L.forum.next ?></a><?cs /if ?></nav><?cs /if ?><?cs /def ?>
<?cs def:thread_row(t) ?><li class="thread-row">
  <div class="thread-main">
    <a class="thread-title" href="/t/<?cs var:t.id ?>/<?cs var:t.slug ?>"><?cs var:t.title ?></a>
    <?cs if:t.pinned == "1" ?><span class="tag tag-pin"><?cs var:L.forum.pinned ?></span><?cs /if ?>
    <?cs if:t.locked == "1" ?><span class="tag"><?cs var:L.forum.locked ?></span><?cs /if ?>
    <?cs if:t.solved == "1" ?><span class="tag tag-solved"><?cs var:L.forum.solved ?></span><?cs /if ?>
    <?cs if:t.unread ?><a class="tag tag-new" href="/t/<?cs var:t.id ?>/unread" title="<?cs var:L.forum.unread_link ?>"><?cs call:count(t.unread, "new_posts") ?></a><?cs /if ?>
    <?cs if:t.reply_count >= 20 ?><a class="meta last-page" href="/t/<?cs var:t.id ?>?page=<?cs var:t.reply_count / 20 + 1 ?>"><?cs var:L.forum.last_page ?></a><?cs /if ?>
    <p class="meta"><?cs if:t.category_name ?><a href="/c/<?cs var:t.category_slug ?>"><?cs var:t.category_name ?></a> · <?cs /if ?><?cs if:t.author ?><?cs var:L.forum.by ?> <a href="/u/<?cs var:path_escape(t.author) ?>"><?cs var:t.author ?></a> · <?cs /if ?><?cs call:time(t.last_post_at) ?></p>
  </div>
  <div class="thread-stats"><span><strong><?cs var:t.reply_count ?></strong> <?cs call:plural(t.reply_count, L.forum.reply_one, L.forum.replies) ?></span><?cs if:t.views ?><span><strong><?cs var:t.views ?></strong> <?cs call:plural(t.views, L.forum.view_one, L.forum.views) ?></span><?cs /if ?></div>
</li><?cs /def ?>
