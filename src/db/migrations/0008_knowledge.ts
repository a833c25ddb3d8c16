import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Knowledge base articles, versions, feedback, suggestion (deflection) sessions; macros.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    CREATE TABLE kb_articles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
      kind text NOT NULL CHECK (kind IN ('how_to', 'typical_problem', 'known_error')),
      visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
      -- draft: staff only; published: readable per visibility; archived: hidden from readers and suggestions.
      status text NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'archived')),
      title_en text, body_en text, title_ru text, body_ru text,
      -- Known errors (L3 publishes them): what the customer sees, the workaround, where the fix is.
      symptoms_en text, symptoms_ru text, workaround_en text, workaround_ru text,
      error_status text CHECK (error_status IN ('investigating', 'workaround_available', 'fix_scheduled', 'fixed')),
      -- Extra search terms (synonyms, error codes) that are not worth showing in the text.
      keywords text NOT NULL DEFAULT '',
      version int NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      updated_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((title_en IS NOT NULL AND body_en IS NOT NULL) OR (title_ru IS NOT NULL AND body_ru IS NOT NULL)),
      -- Titles weigh most, then symptoms and keywords, then the body; both morphologies on every part.
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('russian'::regconfig, coalesce(title_en, '') || ' ' || coalesce(title_ru, '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(title_en, '') || ' ' || coalesce(title_ru, '')), 'A') ||
        setweight(to_tsvector('russian'::regconfig, keywords || ' ' || coalesce(symptoms_en, '') || ' ' || coalesce(symptoms_ru, '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, keywords || ' ' || coalesce(symptoms_en, '') || ' ' || coalesce(symptoms_ru, '')), 'B') ||
        setweight(to_tsvector('russian'::regconfig, coalesce(body_en, '') || ' ' || coalesce(body_ru, '') || ' ' || coalesce(workaround_en, '') || ' ' || coalesce(workaround_ru, '')), 'C') ||
        setweight(to_tsvector('english'::regconfig, coalesce(body_en, '') || ' ' || coalesce(body_ru, '') || ' ' || coalesce(workaround_en, '') || ' ' || coalesce(workaround_ru, '')), 'C')
      ) STORED
    );
    CREATE INDEX kb_articles_search ON kb_articles USING gin (search);
    CREATE INDEX kb_articles_updated ON kb_articles (updated_at DESC, id DESC);

    CREATE TABLE kb_article_items (
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
      catalogue_item_id uuid NOT NULL REFERENCES catalogue_items(id),
      PRIMARY KEY (article_id, catalogue_item_id)
    );
    CREATE INDEX kb_article_items_item ON kb_article_items (catalogue_item_id);

    -- Every saved state of an article (version 1 = as created); restoring writes a new version.
    CREATE TABLE kb_article_versions (
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
      version int NOT NULL,
      snapshot jsonb NOT NULL,
      author_id uuid REFERENCES users(id),
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, version)
    );

    -- "Did this help?": one answer per user per article (answering again replaces it).
    CREATE TABLE kb_feedback (
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      helpful boolean NOT NULL,
      comment text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, user_id)
    );

    -- A customer's new-request draft that was shown suggestions; deflected = viewed one and never submitted.
    CREATE TABLE kb_suggestion_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      organization_id uuid REFERENCES organizations(id),
      started_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      ticket_id uuid REFERENCES tickets(id)
    );
    CREATE INDEX kb_suggestion_sessions_started ON kb_suggestion_sessions (started_at);
    CREATE TABLE kb_suggestion_views (
      session_id uuid NOT NULL REFERENCES kb_suggestion_sessions(id) ON DELETE CASCADE,
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
      viewed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, article_id)
    );
    CREATE INDEX kb_suggestion_views_article ON kb_suggestion_views (article_id);

    -- Canned actions for agents: global (no line, no team), or for one line or one team.
    CREATE TABLE macros (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '',
      line_id uuid REFERENCES lines(id),
      team_id uuid REFERENCES teams(id),
      actions jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (line_id IS NULL OR team_id IS NULL)
    );
    CREATE UNIQUE INDEX macros_name ON macros (lower(name), coalesce(line_id, team_id, '00000000-0000-0000-0000-000000000000'::uuid));
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
