<?cs # ideas/macros.cs: pieces the ideas pages share. Included after header.cs. ?>
<?cs def:idea_status(s) ?><span class="tag idea-status idea-status-<?cs var:s ?>"><?cs var:L.ideas.status[s] ?></span><?cs /def ?>
<?cs def:idea_votes(n) ?><?cs var:n ?> <?cs call:plural(n, L.ideas.vote_one, L.ideas.votes) ?><?cs /def ?>
<?cs # A member's row has its vote button (or the one that takes the vote
  back), which leads back to this very page of the list (here). ?>
<?cs def:idea_row(i) ?><li class="idea-row" id="idea-<?cs var:i.id ?>">
  <div class="idea-votes" aria-label="<?cs call:idea_votes(i.vote_count) ?>"><strong><?cs var:i.vote_count ?></strong><span><?cs call:plural(i.vote_count, L.ideas.vote_one, L.ideas.votes) ?></span>
  <?cs if:me.id && (i.voted || (i.status != "done" && i.status != "declined")) ?><form action="/ideas/<?cs var:i.id ?>/<?cs if:i.voted ?>unvote<?cs else ?>vote<?cs /if ?>" method="post" class="inline-form vote-form"><?cs call:csrf_field() ?><input type="hidden" name="next" value="<?cs var:here ?>"><button type="submit" class="button button-small<?cs if:i.voted ?> button-secondary<?cs /if ?>" aria-pressed="<?cs if:i.voted ?>true<?cs else ?>false<?cs /if ?>"><?cs if:i.voted ?><?cs var:L.ideas.unvote ?><?cs else ?><?cs var:L.ideas.vote ?><?cs /if ?><span class="visually-hidden">: <?cs var:i.title ?></span></button></form><?cs /if ?></div>
  <div class="idea-main">
    <a class="thread-title" href="/ideas/<?cs var:i.id ?>"><?cs var:i.title ?></a>
    <?cs call:idea_status(i.status) ?>
    <p class="meta"><?cs if:i.category_name ?><a href="/ideas?category=<?cs var:i.category_slug ?>"><?cs var:i.category_name ?></a> · <?cs /if ?><?cs if:i.product.name ?><a href="/ideas?product=<?cs var:url_escape(i.product.sku) ?>"><?cs var:i.product.name ?></a> · <?cs /if ?><?cs var:L.forum.by ?> <a href="/u/<?cs var:path_escape(i.author) ?>"><?cs var:i.author ?></a> · <?cs call:time(i.created_at) ?> · <?cs var:i.comment_count ?> <?cs call:plural(i.comment_count, L.ideas.comment_one, L.ideas.comments) ?></p>
  </div>
</li><?cs /def ?>
<?cs def:idea_filters(action) ?><form class="idea-filters" action="<?cs var:action ?>" method="get">
  <?cs if:action == "/ideas" ?><input type="hidden" name="sort" value="<?cs var:d.sort ?>">
  <div class="field"><label for="f-status"><?cs var:L.ideas.status_label ?></label>
    <select id="f-status" name="status"><option value=""><?cs var:L.ideas.any_status ?></option><?cs each:s = L.ideas.status ?><option value="<?cs name:s ?>"<?cs if:d.filter.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div><?cs /if ?>
  <?cs if:subcount(products) ?><div class="field"><label for="f-product"><?cs var:L.ideas.product_label ?></label>
    <select id="f-product" name="product"><option value=""><?cs var:L.ideas.any_product ?></option><?cs each:p = products ?><option value="<?cs var:p.sku ?>"<?cs if:d.filter.product == p.sku ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select></div><?cs /if ?>
  <div class="field"><label for="f-category"><?cs var:L.ideas.category_label ?></label>
    <select id="f-category" name="category"><option value=""><?cs var:L.ideas.any_category ?></option><?cs each:c = categories ?><option value="<?cs var:c.slug ?>"<?cs if:d.filter.category == c.slug ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select></div>
  <button type="submit" class="button button-secondary"><?cs var:L.ideas.filter_submit ?></button>
</form><?cs /def ?>
