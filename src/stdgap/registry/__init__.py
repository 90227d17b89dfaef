"""Members, people, groups, meetings and roles: the activity data the import writes, read for
pages, reports and programmes (public record only: no person is ever named)."""
