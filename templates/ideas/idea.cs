<?cs set:page.title = d.idea.title ?><?cs set:nav = "ideas" ?><?cs include:"header.cs" ?><?cs include:"ideas/macros.cs" ?><?cs include:"flag_macros.cs" ?>
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/ideas"><?cs var:L.ideas.heading ?></a><?cs if:d.idea.category_name ?> › <a href="/ideas?category=<?cs var:d.idea.category_slug ?>"><?cs var:d.idea.category_name ?></a><?cs /if ?></nav>
<h1 class="thread-heading"><?cs var:d.idea.title ?> <?cs call:idea_status(d.idea.status) ?></h1>
<?cs include:"follow_macros.cs" ?><?cs call:follow_form(d.follow, "/ideas/" + d.idea.id) ?>
<?cs if:d.idea.visibility == "held" ?><p class="notice notice-warn"><?cs var:L.ideas.held ?></p><?cs /if ?>
<?cs if:d.idea.visibility == "hidden" || d.idea.visibility == "deleted" ?><p class="notice notice-warn"><?cs var:L.ideas.hidden ?></p><?cs /if ?>
<div class="idea-layout">
  <aside class="idea-vote-box" id="votes" aria-labelledby="votes-h">
    <h2 id="votes-h" class="visually-hidden"><?cs var:L.ideas.votes_heading ?></h2>
    <p class="vote-total"><strong class="vote-count" id="vote-count" data-idea="<?cs var:d.idea.id ?>"><?cs var:d.idea.vote_count ?></strong> <span><?cs call:plural(d.idea.vote_count, L.ideas.vote_one, L.ideas.votes) ?></span></p>
    <?cs if:d.idea.product.name ?><p class="meta verified-votes"><?cs var:L.ideas.verified_before ?> <strong><?cs var:d.idea.verified_votes ?></strong> <?cs call:plural(d.idea.verified_votes, L.count.verified_buyers.one, L.count.verified_buyers.other) ?> <a href="/p/<?cs var:url_escape(d.idea.product.sku) ?>"><?cs var:d.idea.product.name ?></a></p><?cs /if ?>
    <?cs if:me.id ?>
      <?cs if:d.me.voted == "1" ?>
        <p class="meta"><?cs var:L.ideas.voted ?></p>
        <form action="/ideas/<?cs var:d.idea.id ?>/unvote" method="post" class="inline-form vote-form"><?cs call:csrf_field() ?><button type="submit" class="button button-secondary" aria-pressed="true"><?cs var:L.ideas.unvote ?></button></form>
      <?cs elif:d.idea.status == "done" || d.idea.status == "declined" ?>
        <p class="meta"><?cs var:L.ideas.closed ?></p>
      <?cs else ?>
        <form action="/ideas/<?cs var:d.idea.id ?>/vote" method="post" class="inline-form vote-form"><?cs call:csrf_field() ?><button type="submit" class="button"><?cs var:L.ideas.vote ?></button></form>
      <?cs /if ?>
      <?cs call:field_error("vote") ?>
      <?cs if:d.me.budget ?><p class="meta"><?cs var:L.ideas.budget_left ?> <strong><?cs var:d.me.votes_left ?></strong> / <?cs var:d.me.budget ?></p><?cs /if ?>
    <?cs else ?>
      <p><a class="button" href="/login?next=<?cs var:url_escape("/ideas/" + d.idea.id) ?>"><?cs var:L.ideas.login_to_vote ?></a></p>
    <?cs /if ?>
  </aside>
  <article class="idea-body" aria-labelledby="idea-author">
    <header class="post-head">
      <span class="avatar avatar-small" aria-hidden="true"><?cs var:initial(d.idea.author) ?></span>
      <a id="idea-author" class="post-author" href="/u/<?cs var:path_escape(d.idea.author) ?>"><?cs var:d.idea.author ?></a>
      <?cs if:d.idea.author_staff == "1" ?><span class="badge badge-staff"><?cs var:L.thread.staff ?></span><?cs /if ?>
      <span class="meta post-time"><?cs call:time(d.idea.created_at) ?></span>
    </header>
    <?cs if:d.idea.product.name || d.idea.category_name ?><p class="meta"><?cs if:d.idea.product.name ?><?cs var:L.ideas.product_label ?>: <a href="/ideas?product=<?cs var:url_escape(d.idea.product.sku) ?>"><?cs var:d.idea.product.name ?></a><?cs /if ?><?cs if:d.idea.product.name && d.idea.category_name ?> · <?cs /if ?><?cs if:d.idea.category_name ?><?cs var:L.ideas.category_label ?>: <a href="/ideas?category=<?cs var:d.idea.category_slug ?>"><?cs var:d.idea.category_name ?></a><?cs /if ?></p><?cs /if ?>
    <div class="post-body"><?cs uvar:d.idea.html ?></div>
    <?cs if:me.id && me.id != d.idea.user_id && d.idea.visibility == "visible" ?><?cs call:flag_form("ideas", d.idea.id) ?><?cs /if ?>
    <?cs call:moderate_link("idea", d.idea.id) ?>
    <?cs if:subcount(d.merged) ?><p class="meta"><?cs var:L.ideas.merged_here ?> <?cs each:m = d.merged ?><a href="/ideas/<?cs var:m.id ?>">#<?cs var:m.id ?> <?cs var:m.title ?></a><?cs if:!last(m) ?>, <?cs /if ?><?cs /each ?></p><?cs /if ?>
  </article>
</div>

<?cs if:subcount(d.official) ?>
<section class="official" aria-labelledby="official-h">
  <h2 id="official-h"><?cs var:L.ideas.official ?></h2>
  <?cs each:c = d.official ?>
  <article class="official-response">
    <p class="meta"><span class="badge badge-staff"><?cs var:L.ideas.official_badge ?></span> <a href="/u/<?cs var:path_escape(c.author) ?>"><?cs var:c.author ?></a> · <?cs call:time(c.created_at) ?></p>
    <div class="post-body"><?cs uvar:c.html ?></div>
  </article>
  <?cs /each ?>
</section>
<?cs /if ?>

<section class="idea-history" id="history" aria-labelledby="history-h">
  <h2 id="history-h"><?cs var:L.ideas.history ?></h2>
  <ol class="history-list">
    <li><?cs call:idea_status("open") ?> <span class="meta"><?cs var:L.ideas.proposed ?> <?cs call:time(d.idea.created_at) ?></span></li>
    <?cs each:h = d.history ?>
    <li><?cs call:idea_status(h.to_status) ?> <span class="meta"><?cs var:L.ideas.changed_by ?> <a href="/u/<?cs var:path_escape(h.by_user) ?>"><?cs var:h.by_user ?></a> · <?cs call:time(h.created_at) ?></span>
      <p class="history-note"><?cs var:h.note ?></p></li>
    <?cs /each ?>
  </ol>
  <?cs if:can.status ?>
  <form action="/ideas/<?cs var:d.idea.id ?>/status" method="post" class="stack-form staff-form" novalidate>
    <?cs call:csrf_field() ?>
    <h3><?cs var:L.ideas.change_status ?></h3>
    <div class="field">
      <label for="status"><?cs var:L.ideas.status_label ?></label>
      <select id="status" name="status"<?cs call:described("status", "") ?>><?cs each:s = L.ideas.status ?><option value="<?cs name:s ?>"<?cs if:(form.status && form.status == name(s)) || (!form.status && d.idea.status == name(s)) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select>
      <?cs call:field_error("status") ?>
    </div>
    <div class="field">
      <label for="note"><?cs var:L.ideas.note_label ?></label>
      <textarea id="note" name="note" rows="3" maxlength="2000" required<?cs call:described("note", "1") ?>><?cs var:form.note ?></textarea>
      <p class="hint" id="note-hint"><?cs var:L.ideas.note_hint ?></p>
      <?cs call:field_error("note") ?>
    </div>
    <button type="submit" class="button"><?cs var:L.ideas.change_status_submit ?></button>
  </form>
  <?cs /if ?>
</section>

<?cs if:can.merge ?>
<section class="idea-merge" aria-labelledby="merge-h">
  <h2 id="merge-h"><?cs var:L.ideas.merge ?></h2>
  <form action="/ideas/<?cs var:d.idea.id ?>/merge" method="post" class="stack-form staff-form" novalidate data-confirm="<?cs var:L.ideas.merge_confirm ?>">
    <?cs call:csrf_field() ?>
    <div class="field">
      <label for="into"><?cs var:L.ideas.merge_into ?></label>
      <input id="into" name="into" type="number" min="1" required value="<?cs var:form.into ?>"<?cs call:described("into", "1") ?>>
      <p class="hint" id="into-hint"><?cs var:L.ideas.merge_hint ?></p>
      <?cs call:field_error("into") ?>
    </div>
    <div class="field">
      <label for="reason"><?cs var:L.ideas.merge_reason ?></label>
      <input id="reason" name="reason" type="text" maxlength="500" value="<?cs var:form.reason ?>"<?cs call:described("reason", "") ?>>
      <?cs call:field_error("reason") ?>
    </div>
    <button type="submit" class="button button-secondary"><?cs var:L.ideas.merge_submit ?></button>
  </form>
</section>
<?cs /if ?>

<?cs if:subcount(d.voters) ?>
<section class="idea-voters" aria-labelledby="voters-h">
  <h2 id="voters-h"><?cs var:L.ideas.voters ?> <span class="meta">(<?cs var:L.ideas.staff_only ?>)</span></h2>
  <ul class="voter-list"><?cs each:v = d.voters ?><li><a href="/u/<?cs var:path_escape(v.username) ?>"><?cs var:v.username ?></a> <span class="meta"><?cs call:time(v.voted_at) ?></span></li><?cs /each ?></ul>
</section>
<?cs /if ?>

<section class="idea-comments" id="comments" aria-labelledby="comments-h">
  <h2 id="comments-h"><?cs var:L.ideas.comments_heading ?> <span class="meta">(<?cs var:d.idea.comment_count ?>)</span></h2>
  <?cs if:subcount(d.comments) ?>
  <ol class="posts">
  <?cs each:c = d.comments ?>
    <li class="post<?cs if:c.status != "visible" ?> post-<?cs var:c.status ?><?cs /if ?><?cs if:c.official == "1" ?> post-official<?cs /if ?>" id="c<?cs var:c.id ?>" value="<?cs var:c.position ?>">
      <article aria-labelledby="c<?cs var:c.id ?>-author">
        <header class="post-head">
          <span class="avatar avatar-small" aria-hidden="true"><?cs var:initial(c.author) ?></span>
          <a id="c<?cs var:c.id ?>-author" class="post-author" href="/u/<?cs var:path_escape(c.author) ?>"><?cs var:c.author ?></a>
          <?cs if:c.staff == "1" ?><span class="badge badge-staff"><?cs var:L.thread.staff ?></span><?cs /if ?>
          <?cs if:c.official == "1" ?><span class="tag tag-official"><?cs var:L.ideas.official_badge ?></span><?cs /if ?>
          <a class="meta post-time" href="#c<?cs var:c.id ?>"><?cs call:time(c.created_at) ?></a>
        </header>
        <?cs if:c.status == "held" ?><p class="notice notice-warn"><?cs var:L.thread.held ?></p><?cs /if ?>
        <?cs if:c.status == "hidden" ?><p class="notice notice-warn"><?cs var:L.thread.hidden ?></p><?cs /if ?>
        <div class="post-body"><?cs uvar:c.html ?></div>
        <?cs call:moderate_link("idea_comment", c.id) ?>
      </article>
    </li>
  <?cs /each ?>
  </ol>
  <?cs else ?><p class="empty"><?cs var:L.ideas.no_comments ?></p><?cs /if ?>
  <?cs call:pager("/ideas/" + d.idea.id, "?") ?>
  <?cs if:me.id ?>
  <form action="/ideas/<?cs var:d.idea.id ?>/comment" method="post" class="stack-form wide" id="comment" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="nonce" value="<?cs if:form.nonce ?><?cs var:form.nonce ?><?cs else ?><?cs var:nonce ?><?cs /if ?>">
    <div class="field">
      <label for="body"><?cs var:L.ideas.comment_label ?></label>
      <textarea id="body" name="body" rows="5" required maxlength="20000"<?cs call:described("body", "1") ?>><?cs var:form.body ?></textarea>
      <p class="hint" id="body-hint"><?cs var:L.thread.reply_hint ?></p>
      <?cs call:field_error("body") ?>
    </div>
    <?cs if:can.status ?><label class="check"><input type="checkbox" name="official" value="1"<?cs if:form.official == "1" ?> checked<?cs /if ?>> <?cs var:L.ideas.official_check ?></label><?cs /if ?>
    <button type="submit" class="button"><?cs var:L.ideas.comment_submit ?></button>
  </form>
  <?cs else ?>
  <p><a class="button button-secondary" href="/login?next=<?cs var:url_escape("/ideas/" + d.idea.id) ?>"><?cs var:L.ideas.login_to_comment ?></a></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
