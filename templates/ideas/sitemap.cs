<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc><?cs var:origin ?>/ideas</loc></url>
  <url><loc><?cs var:origin ?>/roadmap</loc></url>
<?cs each:i = d.ideas ?>  <url><loc><?cs var:origin ?>/ideas/<?cs var:i.id ?></loc><lastmod><?cs var:i.changed_at.iso ?></lastmod></url>
<?cs /each ?></urlset>
