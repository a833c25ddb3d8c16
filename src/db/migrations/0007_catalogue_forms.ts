import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Service catalogue forms, form versions, the missing-information loop.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    -- Every edit of an item's form is a new row; rows are never updated, so a request keeps the exact
    -- form it was submitted with. fields: [{name, type, labelEn, labelRu, helpEn, helpRu, required, options, ...}]
    CREATE TABLE catalogue_forms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      catalogue_item_id uuid NOT NULL REFERENCES catalogue_items(id) ON DELETE CASCADE,
      version int NOT NULL CHECK (version > 0),
      fields jsonb NOT NULL DEFAULT '[]',
      comment text NOT NULL DEFAULT '',
      created_by_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (catalogue_item_id, version)
    );

    -- The current form version of the item (NULL: the item has no form).
    ALTER TABLE catalogue_items ADD COLUMN form_id uuid REFERENCES catalogue_forms(id);
    ALTER TABLE catalogue_items ADD COLUMN description_en text NOT NULL DEFAULT '';
    ALTER TABLE catalogue_items ADD COLUMN description_ru text NOT NULL DEFAULT '';
    ALTER TABLE catalogue_items ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

    -- The form version the request was submitted with (NULL: no form, or registered before forms existed).
    -- Nullable without a default: instant on a large table.
    ALTER TABLE tickets ADD COLUMN catalogue_form_id uuid REFERENCES catalogue_forms(id);

    -- The author of the messages tierdesk itself posts (the missing-information question): an integration
    -- account that cannot sign in (disabled, no password), so timelines show "tierdesk" as the author.
    INSERT INTO users (id, email, name, kind, locale, disabled_at)
    VALUES ('00000000-0000-4000-8000-0000000000d5', 'tierdesk@system.invalid', 'tierdesk', 'integration', 'en', now())
    ON CONFLICT DO NOTHING;

    -- Regions and availability zones a region field accepts (case-insensitive), editable as a setting.
    INSERT INTO settings (key, value) VALUES
      ('catalogue.regions', '[
        {"value": "Moscow", "nameEn": "Moscow", "nameRu": "Москва"},
        {"value": "ru-msk-1", "nameEn": "Moscow, zone ru-msk-1", "nameRu": "Москва, зона ru-msk-1"},
        {"value": "ru-msk-2", "nameEn": "Moscow, zone ru-msk-2", "nameRu": "Москва, зона ru-msk-2"},
        {"value": "Saint Petersburg", "nameEn": "Saint Petersburg", "nameRu": "Санкт-Петербург"},
        {"value": "ru-spb-1", "nameEn": "Saint Petersburg, zone ru-spb-1", "nameRu": "Санкт-Петербург, зона ru-spb-1"},
        {"value": "Kazakhstan", "nameEn": "Kazakhstan", "nameRu": "Казахстан"},
        {"value": "kz-ala-1", "nameEn": "Kazakhstan, zone kz-ala-1", "nameRu": "Казахстан, зона kz-ala-1"}
      ]')
    ON CONFLICT (key) DO NOTHING;
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
