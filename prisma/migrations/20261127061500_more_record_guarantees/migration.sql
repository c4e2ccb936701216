-- More database-level guarantees (DESIGN.md rule 5, SECURITY.md R1, R3), in the style of
-- 20261127014800_record_guarantees: errors carry the prefix "kapstone:" and the SQLSTATE
-- integrity_constraint_violation (23000), which lib/server/prisma-errors.ts recognises.

-- Allows an UPDATE only when it revokes the row: TG_ARGV[0] is the revoked-at column, the other
-- arguments the columns that go with it (the reason). Every other column is fixed; a change
-- to the revocation columns must leave the row revoked; a revoked row never changes again.
CREATE FUNCTION kapstone_revoke_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) IS NOT DISTINCT FROM to_jsonb(OLD) THEN
    RETURN NEW;
  END IF;
  IF (to_jsonb(OLD) - TG_ARGV) IS DISTINCT FROM (to_jsonb(NEW) - TG_ARGV) THEN
    RAISE EXCEPTION 'kapstone: UPDATE on "%" is not allowed: it is fixed once made; only revocation may change it',
      TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (to_jsonb(OLD) ->> TG_ARGV[0]) IS NOT NULL THEN
    RAISE EXCEPTION 'kapstone: UPDATE on "%" is not allowed: it is revoked and fixed', TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (to_jsonb(NEW) ->> TG_ARGV[0]) IS NULL THEN
    RAISE EXCEPTION 'kapstone: UPDATE on "%" is not allowed: only revocation may change it (% must be set)',
      TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;

-- Vitals and adverse events of a signed dosing record never change. The first version looked
-- only at the new row's record on UPDATE, so a row could be moved off a signed record; this one
-- looks at the record the row belongs to before and after the change.
CREATE OR REPLACE FUNCTION kapstone_refuse_when_dosing_record_signed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  record_ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    record_ids := ARRAY[NEW."dosingRecordId"];
  ELSIF TG_OP = 'UPDATE' THEN
    record_ids := ARRAY[OLD."dosingRecordId", NEW."dosingRecordId"];
  ELSE
    record_ids := ARRAY[OLD."dosingRecordId"];
  END IF;
  IF EXISTS (SELECT 1 FROM "DosingRecord" WHERE id = ANY (record_ids) AND "signedAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'kapstone: % on "%" is not allowed: the dosing record is signed',
      TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;

-- A dosing order is fixed once written (dose, route, weight, max doses, valid until, client,
-- prescriber, instructions); it is only ever revoked, with a reason. (DELETE is already refused
-- by dosing_order_no_hard_delete.)
CREATE TRIGGER dosing_order_revoke_only BEFORE UPDATE ON "DosingOrder"
  FOR EACH ROW EXECUTE FUNCTION kapstone_revoke_only('revokedAt', 'revokeReason');

-- A signed release of information keeps its scope (provider, categories, expiry, signature);
-- the client may only revoke it. (DELETE is already refused by release_no_hard_delete.)
CREATE TRIGGER release_fixed_when_signed BEFORE UPDATE ON "Release"
  FOR EACH ROW WHEN (OLD."signatureId" IS NOT NULL)
  EXECUTE FUNCTION kapstone_revoke_only('revokedAt');

-- Readings and adverse events are clinical records: never hard-deleted, signed or not.
CREATE TRIGGER vital_sign_no_hard_delete BEFORE DELETE ON "VitalSign"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER adverse_event_no_hard_delete BEFORE DELETE ON "AdverseEvent"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');

-- TRUNCATE skips row triggers: refuse it on these tables too.
CREATE TRIGGER dosing_order_no_truncate BEFORE TRUNCATE ON "DosingOrder"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('orders are revoked, never deleted');
CREATE TRIGGER release_no_truncate BEFORE TRUNCATE ON "Release"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('releases are revoked, never deleted');
CREATE TRIGGER vital_sign_no_truncate BEFORE TRUNCATE ON "VitalSign"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER adverse_event_no_truncate BEFORE TRUNCATE ON "AdverseEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
