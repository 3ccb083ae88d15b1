<?cs set:page.title = d.thread.title ?><?cs set:page.og_type = "article" ?><?cs set:nav = "forum" ?><?cs include:"header.cs" ?><?cs include:"flag_macros.cs" ?>
<?cs def:post_actions(p) ?>
  <div class="post-actions">
    <?cs if:p.like_count > 0 ?><span class="likes"><?cs var:p.like_count ?> <?cs call:plural(p.like_count, L.forum.like_one, L.forum.likes) ?></span><?cs /if ?>
    <?cs if:me.id && p.status == "visible" ?>
      <?cs if:p.user_id != me.id ?>
      <form action="/posts/<?cs var:p.id ?>/like" method="post" class="inline-form"><?cs call:csrf_field() ?><?cs if:p.liked ?><input type="hidden" name="undo" value="1"><button type="submit" class="chip" aria-pressed="true"><?cs var:L.thread.unlike ?></button><?cs else ?><button type="submit" class="chip"><?cs var:L.thread.like ?></button><?cs /if ?></form>
      <?cs /if ?>
      <?cs if:d.thread.locked != "1" || can_moderate ?><a class="chip" href="/t/<?cs var:d.thread.id ?>?<?cs if:d.page > 1 ?>page=<?cs var:d.page ?>&amp;<?cs /if ?>quote=<?cs var:p.id ?>#reply"><?cs var:L.thread.quote ?></a><?cs /if ?>
      <?cs if:p.user_id == me.id || can_moderate ?>
        <a class="chip" href="/posts/<?cs var:p.id ?>/edit"><?cs var:L.thread.edit ?></a>
        <form action="/posts/<?cs var:p.id ?>/delete" method="post" class="inline-form" data-confirm="<?cs var:L.thread.confirm_delete ?>"><?cs call:csrf_field() ?><button type="submit" class="chip chip-danger"><?cs var:L.thread.delete ?></button></form>
      <?cs /if ?>
      <?cs if:p.user_id != me.id ?>
        <?cs call:flag_form("posts", p.id) ?>
      <?cs /if ?>
      <?cs if:can_solve && p.position != "1" ?>
        <form action="/t/<?cs var:d.thread.id ?>/solve" method="post" class="inline-form"><?cs call:csrf_field() ?><?cs if:d.thread.solved_post_id == p.id ?><input type="hidden" name="post" value="0"><button type="submit" class="chip"><?cs var:L.thread.unmark_solved ?></button><?cs else ?><input type="hidden" name="post" value="<?cs var:p.id ?>"><button type="submit" class="chip"><?cs var:L.thread.mark_solved ?></button><?cs /if ?></form>
      <?cs /if ?>
    <?cs /if ?>
    <?cs call:moderate_link("post", p.id) ?>
  </div>
<?cs /def ?>
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/"><?cs var:L.site.forum ?></a> › <a href="/c/<?cs var:d.thread.category_slug ?>"><?cs var:d.thread.category_name ?></a></nav>
<h1 class="thread-heading"><?cs var:d.thread.title ?>
  <?cs if:d.thread.pinned == "1" ?><span class="tag tag-pin"><?cs var:L.forum.pinned ?></span><?cs /if ?>
  <?cs if:d.thread.locked == "1" ?><span class="tag"><?cs var:L.forum.locked ?></span><?cs /if ?>
  <?cs if:d.answer.id ?><span class="tag tag-solved"><?cs var:L.forum.solved ?></span><?cs /if ?>
</h1>
<p class="meta"><?cs var:d.thread.reply_count ?> <?cs call:plural(d.thread.reply_count, L.forum.reply_one, L.forum.replies) ?> · <?cs var:d.thread.views ?> <?cs call:plural(d.thread.views, L.forum.view_one, L.forum.views) ?></p>
<?cs include:"follow_macros.cs" ?><?cs call:follow_form(d.follow, "/t/" + d.thread.id) ?>

<?cs if:d.answer.id ?>
<section class="answer" aria-labelledby="answer-h">
  <h2 id="answer-h"><?cs var:L.thread.answer ?></h2>
  <p class="meta"><a href="/u/<?cs var:path_escape(d.answer.author) ?>"><?cs var:d.answer.author ?></a> · <?cs call:time(d.answer.created_at) ?></p>
  <div class="post-body"><?cs uvar:d.answer.html ?></div>
  <p><a href="/t/<?cs var:d.thread.id ?>?page=<?cs var:(d.answer.position - 1) / 20 + 1 ?>#p<?cs var:d.answer.id ?>"><?cs var:L.thread.go_to_answer ?></a></p>
</section>
<?cs /if ?>

<ol class="posts">
<?cs each:p = d.posts ?>
  <li class="post<?cs if:p.status != "visible" ?> post-<?cs var:p.status ?><?cs /if ?><?cs if:d.thread.solved_post_id == p.id ?> post-answer<?cs /if ?>" id="p<?cs var:p.id ?>" value="<?cs var:p.position ?>">
    <?cs if:d.unread_from == p.position ?><p class="unread-from" id="unread"><?cs var:L.thread.unread_from ?></p><?cs /if ?>
    <article aria-labelledby="p<?cs var:p.id ?>-author">
      <header class="post-head">
        <span class="avatar avatar-small" aria-hidden="true"><?cs var:initial(p.author) ?></span>
        <a id="p<?cs var:p.id ?>-author" class="post-author" href="/u/<?cs var:path_escape(p.author) ?>"><?cs var:p.author ?></a>
        <?cs if:p.staff == "1" ?><span class="badge badge-staff"><?cs var:L.thread.staff ?></span><?cs /if ?>
        <?cs if:d.thread.solved_post_id == p.id ?><span class="tag tag-solved"><?cs var:L.thread.is_answer ?></span><?cs /if ?>
        <a class="meta post-time" href="#p<?cs var:p.id ?>"><?cs call:time(p.created_at) ?></a>
        <a class="meta post-number" href="#p<?cs var:p.id ?>" aria-label="<?cs var:L.thread.post_number ?> <?cs var:p.position ?>">#<?cs var:p.position ?></a>
        <?cs if:p.edited_at ?><span class="meta">(<?cs var:L.thread.edited ?>)</span><?cs /if ?>
      </header>
      <?cs if:p.status == "held" ?><p class="notice notice-warn"><?cs var:L.thread.held ?></p><?cs /if ?>
      <?cs if:p.status == "hidden" ?><p class="notice notice-warn"><?cs var:L.thread.hidden ?></p><?cs /if ?>
      <?cs if:p.status == "deleted" ?><p class="notice notice-warn"><?cs var:L.thread.deleted ?></p><?cs /if ?>
      <?cs if:p.mod_note && p.status != "visible" ?><p class="notice notice-warn"><?cs var:L.mod.note_for_author ?> <?cs var:p.mod_note ?></p><?cs /if ?>
      <div class="post-body"><?cs uvar:p.html ?></div>
      <?cs call:post_actions(p) ?>
    </article>
  </li>
<?cs /each ?>
</ol>
<?cs call:pager("/t/" + d.thread.id, "?") ?>

<?cs if:can_moderate ?>
<section class="thread-tools panel" aria-labelledby="tools-h">
  <h2 id="tools-h"><?cs var:L.tools.title ?></h2>
  <form action="/t/<?cs var:d.thread.id ?>/lock" method="post"><?cs call:csrf_field() ?><input type="hidden" name="on" value="<?cs if:d.thread.locked == "1" ?>0<?cs else ?>1<?cs /if ?>"><label for="lock-reason" class="visually-hidden"><?cs var:L.tools.reason ?></label><input id="lock-reason" name="reason" placeholder="<?cs var:L.tools.reason ?>" required minlength="3" maxlength="500"><button type="submit" class="button button-small"><?cs if:d.thread.locked == "1" ?><?cs var:L.tools.unlock ?><?cs else ?><?cs var:L.tools.lock ?><?cs /if ?></button></form>
  <form action="/t/<?cs var:d.thread.id ?>/pin" method="post"><?cs call:csrf_field() ?><input type="hidden" name="on" value="<?cs if:d.thread.pinned == "1" ?>0<?cs else ?>1<?cs /if ?>"><label for="pin-reason" class="visually-hidden"><?cs var:L.tools.reason ?></label><input id="pin-reason" name="reason" placeholder="<?cs var:L.tools.reason ?>" required minlength="3" maxlength="500"><button type="submit" class="button button-small"><?cs if:d.thread.pinned == "1" ?><?cs var:L.tools.unpin ?><?cs else ?><?cs var:L.tools.pin ?><?cs /if ?></button></form>
  <form action="/t/<?cs var:d.thread.id ?>/move" method="post"><?cs call:csrf_field() ?><label for="move-to"><?cs var:L.tools.move ?></label><select id="move-to" name="category"><?cs each:c = categories ?><option value="<?cs var:c.slug ?>"<?cs if:c.slug == d.thread.category_slug ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select><label for="move-reason" class="visually-hidden"><?cs var:L.tools.reason ?></label><input id="move-reason" name="reason" placeholder="<?cs var:L.tools.reason ?>" required minlength="3" maxlength="500"><button type="submit" class="button button-small"><?cs var:L.tools.move_submit ?></button></form>
  <form action="/t/<?cs var:d.thread.id ?>/split" method="post" class="split-form"><?cs call:csrf_field() ?>
    <fieldset><legend><?cs var:L.tools.split ?></legend>
    <?cs each:p = d.posts ?><?cs if:p.position != "1" ?><label class="check"><input type="checkbox" name="post" value="<?cs var:p.id ?>"> #<?cs var:p.position ?> <?cs var:p.author ?></label><?cs /if ?><?cs /each ?>
    </fieldset>
    <label for="split-title"><?cs var:L.tools.split_title ?></label><input id="split-title" name="title" required minlength="3" maxlength="<?cs var:limits.title_max ?>">
    <label for="split-reason" class="visually-hidden"><?cs var:L.tools.reason ?></label><input id="split-reason" name="reason" placeholder="<?cs var:L.tools.reason ?>" required minlength="3" maxlength="500">
    <button type="submit" class="button button-small"><?cs var:L.tools.split_submit ?></button></form>
</section>
<?cs /if ?>

<section class="reply-box" id="reply" aria-labelledby="reply-h">
<?cs if:d.thread.locked == "1" && !can_moderate ?>
  <p class="notice"><?cs var:L.thread.locked_note ?></p>
  <?cs if:form.body ?><div class="field">
    <label for="body"><?cs var:L.thread.reply ?></label>
    <textarea id="body" name="body" rows="6" readonly<?cs call:described("body", "") ?>><?cs var:form.body ?></textarea>
    <?cs call:field_error("body") ?>
  </div><?cs /if ?>
<?cs elif:me.silenced_until ?>
  <p class="notice notice-warn" id="reply-h"><?cs var:L.err.silenced ?></p>
<?cs elif:me.id ?>
  <h2 id="reply-h"><?cs var:L.thread.reply ?></h2>
  <form action="/t/<?cs var:d.thread.id ?>/reply" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="nonce" value="<?cs if:form.nonce ?><?cs var:form.nonce ?><?cs else ?><?cs var:nonce ?><?cs /if ?>">
    <?cs if:quote ?><input type="hidden" name="quote" value="<?cs var:quote ?>"><?cs /if ?>
    <?cs if:quote_missing ?><p class="notice notice-warn"><?cs var:L.thread.quote_missing ?></p><?cs /if ?>
    <?cs call:field_error("quote") ?>
    <?cs if:preview.html ?><section class="preview" aria-labelledby="preview-h" tabindex="-1" id="preview"><h3 id="preview-h"><?cs var:L.compose.preview_heading ?></h3><div class="post-body"><?cs uvar:preview.html ?></div></section><?cs /if ?>
    <div class="field">
      <label for="body" class="visually-hidden"><?cs var:L.thread.reply ?></label>
      <textarea id="body" name="body" rows="6" required maxlength="20000"<?cs call:described("body", "1") ?>><?cs var:form.body ?></textarea>
      <p class="hint" id="body-hint"><?cs var:L.thread.reply_hint ?></p>
      <?cs call:field_error("body") ?>
    </div>
    <div class="actions"><button type="submit" class="button"><?cs var:L.thread.reply_submit ?></button>
    <button type="submit" class="button button-secondary" name="preview" value="1"><?cs var:L.compose.preview ?></button></div>
  </form>
<?cs else ?>
  <p><a class="button" href="/login?next=<?cs var:url_escape("/t/" + d.thread.id) ?>"><?cs var:L.thread.login_to_reply ?></a></p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
