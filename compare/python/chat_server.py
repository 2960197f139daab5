"""The chat server of the book's Listing 8.13, as its algorithm stands, for chat_benchmark.

Written for the comparison, in our own words: a dict from user name to StreamWriter; each
message is written to every user in turn, awaiting each one's drain(); a user who sends
nothing for 60 seconds is dropped. Like the book's, it prints a line for each handshake.
Run it as `python3 compare/python/chat_server.py --port 8001`; Ctrl-C ends it.
"""

import argparse
import asyncio
import logging


class Room:
    def __init__(self):
        self.writers = {}

    async def client_connected(self, reader, writer):
        handshake = await reader.readline()
        print(f"CONNECTED {reader} {writer}")
        command, name = handshake.split(b" ")
        if command != b"CONNECT":
            logging.error("not a CONNECT: %r", handshake)
            writer.close()
            await writer.wait_closed()
            return
        name = name.replace(b"\n", b"").decode()
        self.writers[name] = writer
        asyncio.create_task(self.listen(name, reader))
        writer.write(f"Welcome! {len(self.writers)} user(s) are online!\n".encode())
        await writer.drain()
        await self.say_to_all(f"{name} connected!\n")

    async def listen(self, name, reader):
        try:
            while (line := await asyncio.wait_for(reader.readline(), 60)) != b"":
                await self.say_to_all(f"{name}: {line.decode()}")
            await self.say_to_all(f"{name} has left the chat\n")
        except Exception as error:
            logging.error("reading from %s: %r", name, error)
            await self.remove(name)

    async def remove(self, name):
        writer = self.writers.pop(name, None)
        if writer is not None:
            try:
                writer.close()
                await writer.wait_closed()
            except Exception:
                pass

    async def say_to_all(self, message):
        gone = []
        for name, writer in list(self.writers.items()):
            try:
                writer.write(message.encode())
                await writer.drain()
            except ConnectionError as error:
                logging.error("writing to %s: %r", name, error)
                gone.append(name)
        for name in gone:
            await self.remove(name)


async def main(port):
    room = Room()
    server = await asyncio.start_server(room.client_connected, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    try:
        asyncio.run(main(parser.parse_args().port))
    except KeyboardInterrupt:
        pass
