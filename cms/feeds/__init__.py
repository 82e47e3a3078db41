"""Feeds (RSS 2.0, Atom, JSON Feed 1.1), sitemaps, the 订阅 and 网站地图 pages and feed
autodiscovery for every cluster site."""
