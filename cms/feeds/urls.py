"""URLs of feeds, sitemaps and the 订阅 / 网站地图 pages. Every URL is served on each site's own
host and covers that site only, except the cluster feed (the city portal's host).

Feeds (each in three formats, chosen by `?format=`: `rss` (RSS 2.0, the default), `atom`
(Atom 1.0) or `json` (JSON Feed 1.1); the latest JIYUE_FEED_ITEMS items, newest major update
first):

    /feeds/                          the site's latest items (every column)
    /feeds/column/<page id>/         one column (栏目) with its sub-columns; a 法定主动公开内容
                                     category column is a column like any other
    /feeds/category/<slug>/          a 法定主动公开内容 category (信息类别) of the site, by the
                                     category's slug, e.g. /feeds/category/gfxwj/
    /feeds/topic/<topic id>/         主题分类 (a first-level topic includes its sub-topics)
    /feeds/org/<organisation id>/    one organisation (机构) of the site
    /feeds/search/?q=…               a saved search: the parameters of /search/ (q, column_type,
                                     organisation, topic, year…), newest first
    /feeds/cluster/                  the whole cluster (city portal host only)

Pages and sitemaps:

    /dingyue/                        订阅: every feed of the site with its three URLs
    /sitemap/                        网站地图: the site's column tree (human-readable)
    /sitemap.xml                     sitemap index of the site
    /sitemap-<n>.xml                 part n (1-based) of the site's sitemap

Bad input (unknown id, unknown format, a host without a site) gets a 404 or 400 with a Chinese
message, never a 500."""

from __future__ import annotations

from django.urls import path, re_path

from cms.feeds import sitemaps, views

app_name = "feeds"

urlpatterns = [
    path("feeds/", views.site_feed, name="site"),
    path("feeds/column/<int:column_id>/", views.column_feed, name="column"),
    path("feeds/category/<slug:slug>/", views.category_feed, name="category"),
    path("feeds/topic/<int:topic_id>/", views.topic_feed, name="topic"),
    path("feeds/org/<int:organisation_id>/", views.organisation_feed, name="organisation"),
    path("feeds/search/", views.search_feed, name="search"),
    path("feeds/cluster/", views.cluster_feed, name="cluster"),
    path("dingyue/", views.subscribe_page, name="subscribe"),
    path("sitemap/", sitemaps.site_map_page, name="site_map"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    re_path(r"^sitemap-(?P<part>[0-9]{1,6})\.xml$", sitemaps.sitemap_part, name="sitemap_part"),
]
