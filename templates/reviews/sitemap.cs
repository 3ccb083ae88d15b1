<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc><?cs var:origin ?>/products</loc></url>
<?cs each:p = d.products ?>  <url><loc><?cs var:origin ?>/p/<?cs var:p.sku ?></loc></url>
<?cs /each ?></urlset>
