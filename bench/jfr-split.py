#!/usr/bin/env python3
"""Where the service's CPU goes, from a JFR recording of bench/run.sh (README "The write path beside a peer").

    EXTRA_JAVA_OPTS="-XX:StartFlightRecording=delay=170s,duration=80s,filename=/tmp/run.jfr,settings=profile" \\
        LOAD_ONLY=1 LEVELS=64 bench/run.sh
    jfr print --json --stack-depth 200 --events jdk.ExecutionSample /tmp/run.jfr > /tmp/run.json
    python3 bench/jfr-split.py /tmp/run.json [TOP]

Each execution sample goes to one group: samples of the audit writer, its acknowledger and H2's own
threads are the recording's database side; on the event loops (and worker threads) the first group
in LOOP whose pattern matches any frame of the stack. TOP prints that many hottest methods per group.
"""
import collections
import json
import re
import sys

WRITER_PARTS = [('H2', r'^org\.h2\.'), ('deflate', r'java\.util\.zip|DeflatedJson'),
                ('hash/merkle', r'MerkleHash|Frontier|RecordHash|sun\.security\.provider'),
                ('stats', r'DecisionStatsWriter'), ('hibernate/jdbc/tx', r'^org\.hibernate\.|^io\.agroal|arjuna|narayana')]
LOOP = [('rules: DMN', r'^org\.kie\.dmn\.|rules\.DmnRun|IndexingDecisionTable|PayoutCalculator'),
        ('rules: DRL', r'^org\.drools\.|^org\.kie\.|rules\.DrlRun'),
        ('recording, request side: canonical form, trace, person hash, queue', r'crossregion\.audit\.'),
        ('JSON write (answer and recorded request)', r'DecisionService\.write|ObjectMapper\.writeValue'),
        ('validation', r'org\.hibernate\.validator'),
        ('logging', r'org\.jboss\.logmanager|org\.jboss\.logging'),
        ('metrics', r'micrometer|crossregion\.ops\.'),
        ('security', r'wildfly\.security|quarkus\.security|crossregion\.security'),
        ('JSON read', r'com\.fasterxml\.jackson'),
        ('decision, other service code', r'crossregion\.'),
        ('HTTP: vert.x, netty, resteasy', r'.')]


def frames(event):
    stack = event['values'].get('stackTrace')
    return [(f['method']['type']['name'] + '.' + f['method']['name']).replace('/', '.') for f in stack['frames']] if stack else []


def thread(event):
    t = event['values']['sampledThread']
    return re.sub(r'\d+', '#', t.get('javaName') or t.get('osName') or '?')


def main():
    events = json.load(open(sys.argv[1]))['recording']['events']
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    n = len(events)
    groups, parts, top = collections.Counter(), collections.Counter(), collections.defaultdict(collections.Counter)
    for event in events:
        stack, name = frames(event), thread(event)
        if name.startswith(('audit-', 'H#', 'MVStore')):
            group = 'recording, database side (audit writer, acknowledger, H2 threads)'
            part = next((p for p, rx in WRITER_PARTS if any(re.search(rx, f) for f in stack)), 'other')
            parts[name.split(' ')[0] + ' / ' + part] += 1
        elif name.startswith(('vert.x-eventloop', 'executor')):
            group = next(g for g, rx in LOOP if rx == '.' or any(re.search(rx, f) for f in stack))
        else:
            group = 'other threads'
        groups[group] += 1
        if stack:
            top[group][stack[0]] += 1
    print(f'{n} samples')
    for group, count in groups.most_common():
        print(f'{100 * count / n:5.1f}% {count:6d}  {group}')
    print('\nthe database side, by thread and the innermost part that matches:')
    for part, count in parts.most_common():
        print(f'{100 * count / n:5.1f}% {count:6d}  {part}')
    for group in groups if top_n else []:
        print('\n==', group)
        for method, count in top[group].most_common(top_n):
            print(f'   {100 * count / n:5.1f}% {method}')


if __name__ == '__main__':
    main()
