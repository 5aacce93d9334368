import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Path } from '../../api/field.js';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isFullyQualifiedDomainName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidCIDR,
  isValidIP,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validatePathSegmentName,
} from './names.js';

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

test('isDNS1123Label: upstream message, dots and length', () => {
  assert.deepEqual(isDNS1123Label('my-name'), []);
  assert.deepEqual(isDNS1123Label('My_Name'), [LABEL_MSG]);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
  assert.deepEqual(isDNS1123Label('-a'), [LABEL_MSG]);
});

test('isDNS1123Subdomain and isDNS1035Label', () => {
  assert.deepEqual(isDNS1123Subdomain('a.b-c.d'), []);
  assert.deepEqual(isDNS1123Subdomain('A'), [SUBDOMAIN_MSG]);
  assert.deepEqual(isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
  assert.deepEqual(isDNS1035Label('abc-1'), []);
  assert.deepEqual(isDNS1035Label('1abc'), [
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.deepEqual(isWildcardDNS1123Subdomain('*.example.com'), []);
  assert.equal(isWildcardDNS1123Subdomain('*.*.example.com').length, 1);
});

test('isQualifiedName: prefix and name parts', () => {
  assert.deepEqual(isQualifiedName('app.kubernetes.io/name'), []);
  assert.deepEqual(isQualifiedName('MyName'), []);
  assert.deepEqual(isQualifiedName('/name'), ['prefix part must be non-empty']);
  assert.deepEqual(isQualifiedName('example.com/'), [
    'name part must be non-empty',
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]);
  assert.equal(isQualifiedName('Example.com/x')[0]!.startsWith('prefix part a lowercase RFC 1123 subdomain'), true);
  assert.equal(isQualifiedName('a/b/c')[0]!.startsWith("a qualified name must consist of alphanumeric"), true);
  assert.ok(isQualifiedName('a/b/c')[0]!.endsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
  assert.deepEqual(isQualifiedName('x'.repeat(64))[0], 'name part must be no more than 63 characters');
});

test('isValidLabelValue allows empty and rejects bad characters', () => {
  assert.deepEqual(isValidLabelValue(''), []);
  assert.deepEqual(isValidLabelValue('web_1.x'), []);
  assert.deepEqual(isValidLabelValue('-x'), [
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]);
});

test('ports: numbers and IANA service names', () => {
  assert.deepEqual(isValidPortNum(80), []);
  assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  assert.deepEqual(isValidPortNum(65536), ['must be between 1 and 65535, inclusive']);
  assert.deepEqual(isValidPortName('http'), []);
  assert.deepEqual(isValidPortName('80'), ['must contain at least one letter (a-z)']);
  assert.deepEqual(isValidPortName('a--b'), ['must contain consecutive hyphens'.replace('must', 'must not')]);
  assert.deepEqual(isValidPortName('-web'), ['must not begin or end with a hyphen']);
  assert.deepEqual(isValidPortName('HTTP'), [
    'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'must contain at least one letter (a-z)',
  ]);
  assert.deepEqual(isValidPortName('abcdefghijklmnop'), ['must be no more than 15 characters']);
});

test('env var names, config map keys', () => {
  assert.deepEqual(isEnvVarName('MY_VAR'), []);
  assert.equal(isEnvVarName('1X').length, 1);
  assert.deepEqual(isEnvVarName('..a').slice(-1), ["must not start with '..'"]);
  assert.deepEqual(isRelaxedEnvVarName('1 weird-name!'), []);
  assert.deepEqual(isRelaxedEnvVarName('A=B'), [
    "a valid environment variable name must consist only of printable ASCII characters other than '='",
  ]);
  assert.deepEqual(isConfigMapKey('key.name'), []);
  assert.deepEqual(isConfigMapKey('.'), ["must not be '.'"]);
  assert.equal(isConfigMapKey('a/b').length, 1);
});

test('IPs and CIDRs', () => {
  assert.deepEqual(isValidIP('10.0.0.1'), []);
  assert.deepEqual(isValidIP('2001:db8::1'), []);
  assert.deepEqual(isValidIP('10.0.0'), ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
  assert.deepEqual(isValidCIDR('10.0.0.0/8'), []);
  assert.deepEqual(isValidCIDR('2001:db8::/64'), []);
  assert.deepEqual(isValidCIDR('10.0.0.0/33'), ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
  assert.deepEqual(isValidCIDR('10.0.0.0'), ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
});

test('isFullyQualifiedDomainName', () => {
  const p = new Path('spec.host');
  assert.deepEqual(isFullyQualifiedDomainName(p, 'example.com.'), []);
  assert.equal(isFullyQualifiedDomainName(p, 'localhost')[0]!.message, 'Invalid value: "localhost": should be a domain with at least two segments separated by dots');
  assert.equal(isFullyQualifiedDomainName(p, '')[0]!.message, 'Required value');
});

test('name functions allow a trailing dash for generateName prefixes', () => {
  assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
  assert.deepEqual(nameIsDNSSubdomain('web-', false), [SUBDOMAIN_MSG]);
  assert.deepEqual(nameIsDNSLabel('web-', true), []);
  assert.deepEqual(nameIsDNS1035Label('svc-', true), []);
  assert.equal(nameIsDNS1035Label('1svc', false).length, 1);
  assert.deepEqual(validatePathSegmentName('..', false), ["may not be '..'"]);
  assert.deepEqual(validatePathSegmentName('a/b%', false), ["may not contain '/'", "may not contain '%'"]);
});
