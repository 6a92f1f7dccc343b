// The consent record's service choices (docs/contract.md §6): optional in RECORD_SCHEMA, lists of ids,
// a service never both granted and denied; records without them (earlier versions) stay valid.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { server } from './helpers.mjs';
import { sampleRecord } from './sample-record.mjs';

describe('record schema: services', () => {
  it('takes a record with the services chosen one by one, and one without them', async () => {
    const validate = await server.createRecordValidator();
    const record = sampleRecord({ services: { granted: ['youtube'], denied: ['yandex-direct'] } });
    const result = validate(record);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(result.record.services, { granted: ['youtube'], denied: ['yandex-direct'] });
    assert.equal(validate(sampleRecord()).ok, true);
  });

  it('refuses a service both granted and denied, a bad id, a missing list or an extra key', async () => {
    const validate = await server.createRecordValidator();
    const refused = [
      [{ granted: ['youtube'], denied: ['youtube'] }, /\/services\/denied "youtube" is also granted/],
      [{ granted: ['YouTube'], denied: [] }, /\/services\/granted\/0/],
      [{ granted: ['youtube'] }, /\/services/],
      [{ granted: [], denied: [], all: true }, /\/services/],
    ];
    for (const [services, message] of refused) {
      const result = validate(sampleRecord({ services }));
      assert.equal(result.ok, false, JSON.stringify(services));
      assert.match(result.errors.join(' '), message);
    }
  });
});
