<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc><?cs var:origin ?>/</loc></url>
<?cs each:c = d.categories ?>  <url><loc><?cs var:origin ?>/c/<?cs var:c.slug ?></loc><?cs if:c.last_post_at.iso ?><lastmod><?cs var:c.last_post_at.iso ?></lastmod><?cs /if ?></url>
<?cs /each ?><?cs each:t = d.threads ?>  <url><loc><?cs var:origin ?>/t/<?cs var:t.id ?>/<?cs var:t.slug ?></loc><lastmod><?cs var:t.last_post_at.iso ?></lastmod></url>
<?cs /each ?></urlset>
