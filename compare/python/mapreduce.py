"""The book's Listing 6.9 measured: the Python side of `examples/listing_6_9.rs`.

Run with any Python 3.11 (standard library only), on a file in the format of Google Books'
1-grams, such as the one `ngram_file` writes:

    python3 compare/python/mapreduce.py --file target/compare-ngrams-10000000

As the book's program: the file is read into a list of lines, cut into chunks of 60,000 that
a process pool counts (the map), then the chunks' counts are merged in the pool, 500 at a
time, until one is left (the reduce). It prints the book's two lines:

    Aardvark has appeared 15209 times.
    MapReduce took: 12.3456 seconds
"""

import argparse
import asyncio
import concurrent.futures
import functools
import time


def partition(data: list, chunk_size: int):
    for start in range(0, len(data), chunk_size):
        yield data[start:start + chunk_size]


def map_frequencies(chunk: list) -> dict:
    counter = {}
    for line in chunk:
        word, _, count, _ = line.split("\t")
        counter[word] = counter.get(word, 0) + int(count)
    return counter


def merge_dictionaries(first: dict, second: dict) -> dict:
    for word, count in second.items():
        first[word] = first.get(word, 0) + count
    return first


async def reduce(loop, pool, counters: list, chunk_size: int) -> dict:
    chunks = list(partition(counters, chunk_size))
    while len(chunks[0]) > 1:
        merging = [
            loop.run_in_executor(pool, functools.partial(functools.reduce, merge_dictionaries, chunk))
            for chunk in chunks
        ]
        chunks = list(partition(await asyncio.gather(*merging), chunk_size))
    return chunks[0][0]


async def main(path: str, partition_size: int) -> None:
    with open(path, encoding="utf-8") as file:
        contents = file.readlines()
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor() as pool:
        start = time.time()
        counting = [
            loop.run_in_executor(pool, functools.partial(map_frequencies, chunk))
            for chunk in partition(contents, partition_size)
        ]
        counters = await asyncio.gather(*counting)
        final_result = await reduce(loop, pool, counters, 500)
        print(f"Aardvark has appeared {final_result['Aardvark']} times.")
        print(f"MapReduce took: {time.time() - start:.4f} seconds")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", required=True, help="the 1-gram file to count")
    asyncio.run(main(parser.parse_args().file, partition_size=60000))
