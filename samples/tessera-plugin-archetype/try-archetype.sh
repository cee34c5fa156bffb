#!/usr/bin/env bash
# Proves the archetype end to end: generates a plugin from the archetype in the local Maven repository
# into a scratch folder, builds it (its unit test included), and checks the bundle, the feature repository
# and the KAR it made.
#
#   mvn install                                        # once, from the Tessera root: API, test support, archetype
#   samples/tessera-plugin-archetype/try-archetype.sh  # generates into a new temporary folder
#   samples/tessera-plugin-archetype/try-archetype.sh /tmp/plugins install   # a folder, and 'mvn install' too
#
# MVN_FLAGS (for example -o for offline) are passed to every Maven call.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-$(mktemp -d)}"
goal="${2:-package}"
mvn_flags=(-B ${MVN_FLAGS:-})
# the archetype's version is the Tessera version of this checkout (the parent's)
version="$(sed -n '/<parent>/,/<\/parent>/s:.*<version>\(.*\)</version>.*:\1:p' "$here/pom.xml")"
artifact=tessera-hello

mkdir -p "$work"
rm -rf "${work:?}/$artifact"
cd "$work"
echo "try-archetype: generating $artifact from org.tesseracrm:tessera-plugin-archetype:$version in $work"
mvn "${mvn_flags[@]}" -q org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate \
    -DarchetypeGroupId=org.tesseracrm -DarchetypeArtifactId=tessera-plugin-archetype \
    -DarchetypeVersion="$version" \
    -DgroupId=com.example -DartifactId="$artifact" -Dversion=1.0.0-SNAPSHOT \
    -Dpackage=com.example.tessera.hello -DpluginId=hello -DpluginName="Hello world"

cd "$artifact"
echo "try-archetype: mvn $goal"
mvn "${mvn_flags[@]}" -q "$goal"

fail() { echo "try-archetype: FAILED: $*" >&2; exit 1; }
jar=target/$artifact-1.0.0-SNAPSHOT.jar
[ -f "$jar" ] || fail "no bundle $jar"
manifest="$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g')"
grep -q '^Bundle-SymbolicName: com.example.tessera.hello$' <<<"$manifest" || fail "Bundle-SymbolicName"
grep -q '^Tessera-Schema: hello$' <<<"$manifest" || fail "Tessera-Schema header"
grep -q 'tessera.plugin;tessera.plugin=hello;name="Hello world";version:Version="1.0.0"' <<<"$manifest" \
    || fail "tessera.plugin capability"
unzip -l "$jar" | grep -q 'TESSERA-INF/db/V001__items.sql' || fail "migration missing from the bundle"
grep -q '<bundle>mvn:com.example/tessera-hello/1.0.0-SNAPSHOT</bundle>' target/feature/feature.xml \
    || fail "feature repository"
unzip -l "target/$artifact-1.0.0-SNAPSHOT.kar" | grep -q "repository/com/example/$artifact/1.0.0-SNAPSHOT/$artifact-1.0.0-SNAPSHOT.jar" \
    || fail "KAR without the bundle"
grep -q 'Tests run: [1-9]' target/surefire-reports/*.txt || fail "no unit test ran"
echo "try-archetype: OK — $work/$artifact builds: bundle, feature repository and KAR"
