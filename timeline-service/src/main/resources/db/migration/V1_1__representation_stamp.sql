-- A counter bumped whenever what readers see of a story changes without a new story version: a linked
-- article is revised, or a destroyed content key blanks texts. The ETag of a current read is the
-- generation, version and this counter, so a conditional read answers 304 from this row alone.
alter table story_view add column representation bigint not null default 0;
