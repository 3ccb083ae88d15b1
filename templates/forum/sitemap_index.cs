<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc><?cs var:origin ?>/sitemap-forum.xml</loc></sitemap>
  <sitemap><loc><?cs var:origin ?>/products/sitemap.xml</loc></sitemap>
  <sitemap><loc><?cs var:origin ?>/ideas/sitemap.xml</loc></sitemap>
</sitemapindex>
